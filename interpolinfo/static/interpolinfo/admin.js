'use strict';
// Every admin page (templates/admin/base_site.html, at the end of the body).
{
    const labels = document.currentScript.dataset;

    // Tabular inlines (Django's and adminsortable2's) leave the heading of their
    // first column empty, though its cells show each saved row (axe: td-has-header).
    document.querySelectorAll('.tabular th.original:not([aria-label])').forEach((heading) => {
        if (!heading.textContent.trim()) {
            heading.setAttribute('aria-label', labels.savedEntry);
        }
    });

    // Django's filter_horizontal widget (SelectFilter2.js, on window load) puts an
    // aria-label on a plain <span> icon, which ARIA forbids (axe: aria-prohibited-attr);
    // as an image, the icon may carry that name. This listener runs after Django's.
    window.addEventListener('load', () => {
        document.querySelectorAll('span.search-label-icon[aria-label]:not([role])').forEach((icon) => {
            icon.setAttribute('role', 'img');
        });
    });
}

'use strict';
// Names select2's search box (Django's autocomplete_fields) after its field:
// select2 draws the box without a label. The name comes from the <select>'s
// data-search-label, written (and translated) by interpolinfo.admin_a11y.
{
    const $ = django.jQuery;

    function nameSearchBox(select) {
        const select2 = $(select).data('select2');
        if (!select2) {
            return;
        }
        const label = select.dataset.searchLabel;
        select2.$container.find('.select2-search__field').attr('aria-label', label);
        select2.$dropdown.find('.select2-search__field').attr('aria-label', label);
    }

    function nameAll(root) {
        $(root).find('select.admin-autocomplete[data-search-label]')
            .not('[name*=__prefix__]')
            .each((i, select) => nameSearchBox(select));
    }

    // Registered after Django's autocomplete.js, so select2 is in place by then.
    $(() => nameAll(document));
    document.addEventListener('formset:added', (event) => nameAll(event.target));
}

"""Public pages of the knowledge base.

Every view reads content through `published()`; staff who may view a kind of
content also see its drafts and scheduled items, with a preview banner.
"""

from functools import partial

from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView

from faq.feedback import is_same_origin_post, is_small_form_post, record_feedback
from faq.forms import FeedbackForm
from faq.models import OLD_SLUG_KINDS, Article, CrimeArea, OldSlug, ScamType, Topic
from faq.search import MAX_QUERY_CHARS, log_search, query_terms, search
from interpolinfo.client import within_rate_limit

FAKE_INTERPOL_SCAM_SLUG = "fake-interpol-messages"
WHAT_INTERPOL_IS_TOPIC_SLUG = "what-interpol-is"
ABOUT_TOPIC_SLUG = "about-this-site"


class PageMixin:
    """Title, description and breadcrumbs for templates/faq/page.html."""

    page_title = ""
    page_description = ""

    def get_page_title(self) -> str:
        return str(self.page_title)

    def get_page_description(self) -> str:
        return str(self.page_description)

    def get_crumbs(self) -> list[tuple[str, str]]:
        """(name, address) pairs after "Home"; the last one is this page."""
        return [(self.get_page_title(), self.request.path)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_title"] = self.get_page_title()
        context["page_description"] = self.get_page_description()
        context["crumbs"] = [(str(_("Home")), reverse("faq:home")), *self.get_crumbs()]
        return context


class PublishedDetailView(PageMixin, DetailView):
    """A published item by slug; drafts for staff; old slugs redirect (301)."""

    def get_queryset(self):
        return self.model.objects.visible_to(self.request.user)

    def get(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            self.object = self.get_object()
        except Http404:
            new_address = self.address_of_old_slug(kwargs["slug"])
            if new_address:
                return HttpResponsePermanentRedirect(new_address)
            raise
        response = self.render_to_response(self.get_context_data(object=self.object))
        if not self.object.is_live:
            # A preview must never be kept by a cache and shown to visitors.
            add_never_cache_headers(response)
        return response

    def address_of_old_slug(self, slug: str) -> str | None:
        object_id = (
            OldSlug.objects.filter(kind=OLD_SLUG_KINDS[self.model], slug=slug)
            .values_list("object_id", flat=True)
            .first()
        )
        if object_id is None:
            return None
        item = self.get_queryset().filter(pk=object_id).first()
        return item.get_absolute_url() if item else None

    def get_page_title(self) -> str:
        return str(self.object)

    def get_page_description(self) -> str:
        return self.object.description

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["preview"] = not self.object.is_live
        return context


class HomeView(PageMixin, TemplateView):
    template_name = "faq/home.html"
    page_title = _("An independent guide to INTERPOL")
    page_description = _(
        "A plain, independent guide to what INTERPOL is, how it does and does not contact "
        "people, and which official channel to use."
    )

    def get_crumbs(self) -> list[tuple[str, str]]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topics = list(Topic.objects.published())
        context["topics"] = topics
        context["what_interpol_is"] = next(
            (topic for topic in topics if topic.slug == WHAT_INTERPOL_IS_TOPIC_SLUG), None
        )
        context["fake_interpol_scam"] = (
            ScamType.objects.published().filter(slug=FAKE_INTERPOL_SCAM_SLUG).first()
        )
        return context


class FakeMessageExampleView(PageMixin, TemplateView):
    """A made-up scam email and letter, drawn by the site, with each warning sign explained."""

    template_name = "faq/fake_message_example.html"
    page_title = _("Example: a fake “INTERPOL” email and letter")
    page_description = _(
        "An example scam message, made up by this site, with each warning sign pointed out "
        "and explained."
    )


class AboutView(PageMixin, TemplateView):
    template_name = "faq/about.html"
    page_title = _("About this site")
    page_description = _(
        "Who runs interpolinfo, why it is independent of INTERPOL, the anonymous counts it "
        "keeps and why, and where its facts come from."
    )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = Article.objects.published().filter(topic__slug=ABOUT_TOPIC_SLUG)
        return context


class SearchView(PageMixin, TemplateView):
    template_name = "faq/search.html"
    page_title = _("Search the guide")
    page_description = _("Search the guide's questions, crime areas and scam warnings.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        outcome = search(query=self.request.GET.get("q", ""))
        context["outcome"] = outcome
        # The box shows what the visitor typed; the results name the normalised query.
        context["query"] = self.request.GET.get("q", "")[:MAX_QUERY_CHARS]
        return context

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        outcome = context["outcome"]
        if query_terms(outcome.query):
            # The page cache serves repeated searches without this view; it runs
            # this on each of them so every search is still counted.
            response.page_cache_replay = partial(
                log_search, query=outcome.query, result_count=len(outcome.results)
            )
        return response


class TopicDetailView(PublishedDetailView):
    model = Topic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["articles"] = self.object.articles.visible_to(self.request.user)
        return context


class ArticleDetailView(PublishedDetailView):
    model = Article

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("topic")
            .prefetch_related(
                "sources",
                Prefetch(
                    "related", queryset=Article.objects.published(), to_attr="published_related"
                ),
            )
        )

    def get_crumbs(self) -> list[tuple[str, str]]:
        topic = self.object.topic
        return [(topic.title, topic.get_absolute_url()), *super().get_crumbs()]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["feedback_thanks"] = self.request.GET.get("feedback") == "thanks"
        context["feedback_form"] = FeedbackForm(article=self.object)
        return context


class CrimeAreaListView(PageMixin, ListView):
    model = CrimeArea
    page_title = _("Crime areas")
    page_description = _(
        "The kinds of crime INTERPOL helps police forces with, what it does about each "
        "and what you can do."
    )

    def get_queryset(self):
        return (
            CrimeArea.objects.published()
            .groups()
            .prefetch_related(
                Prefetch(
                    "sub_areas",
                    queryset=CrimeArea.objects.published(),
                    to_attr="published_sub_areas",
                )
            )
        )


class CrimeAreaDetailView(PublishedDetailView):
    model = CrimeArea

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("parent")
            .prefetch_related(
                "sources",
                Prefetch(
                    "sub_areas",
                    queryset=CrimeArea.objects.published(),
                    to_attr="published_sub_areas",
                ),
            )
        )

    def get_crumbs(self) -> list[tuple[str, str]]:
        crumbs = [(str(_("Crime areas")), reverse("faq:crimearea_list"))]
        if self.object.parent_id:
            parent = self.object.parent
            crumbs.append((parent.title, parent.get_absolute_url()))
        return [*crumbs, (self.object.title, self.request.path)]


class ScamTypeListView(PageMixin, ListView):
    model = ScamType
    page_title = _("Scams that misuse trust, and INTERPOL's name")
    page_description = _(
        "How common scams work, the warning signs, what to do, and what to do if you "
        "already paid or shared your details."
    )

    def get_queryset(self):
        return ScamType.objects.published()


class ScamTypeDetailView(PublishedDetailView):
    model = ScamType

    def get_queryset(self):
        return super().get_queryset().prefetch_related("sources")

    def get_crumbs(self) -> list[tuple[str, str]]:
        return [
            (str(_("Scams")), reverse("faq:scamtype_list")),
            (self.object.title, self.request.path),
        ]


@csrf_exempt  # No cookie, so no token: is_same_origin_post() checks the origin instead.
@require_POST
def article_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    """Count one anonymous yes/no answer and go back to the article."""
    if not is_same_origin_post(request):
        return render(request, "403.html", status=403)
    if not is_small_form_post(request):
        return render(request, "400.html", status=400)
    if not within_rate_limit(
        request, scope="vote", limit=settings.VOTE_RATE_LIMIT, seconds=settings.VOTE_RATE_SECONDS
    ):
        return render(request, "429.html", status=429)
    article = get_object_or_404(Article.objects.published(), slug=slug)
    form = FeedbackForm(request.POST, article=article)
    if not form.is_valid():
        return render(request, "400.html", status=400)
    record_feedback(article=article, helpful=form.is_helpful)
    response = redirect(f"{article.get_absolute_url()}?feedback=thanks#feedback")
    response.status_code = 303  # See Other: the browser fetches the page with GET.
    return response

"""The two pages of "Add cross-posted piece": the paste, then the check that makes the draft.

Both are open to whoever may add articles (editors and contributors) and to no one else; the
paste form decides with the user's own permissions whether a new author may be added, on the
paste page and again on the check page.
"""

import reversion
from django.contrib import messages
from django.contrib.admin import helpers
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.views import View
from django.views.generic import FormView

from articles.crosspost import importing
from articles.models import Article

from .check import ALTERED, CheckForm, back_to_paste, check_page, read_state
from .paste import CrossPostForm, duplicate_origin_error


class AddCrossPostView(FormView):
    """The paste page; a valid paste opens the check step, which makes the draft."""

    form_class = CrossPostForm
    template_name = "admin/articles/article/add_cross_post.html"
    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_options(self) -> dict:
        return {
            "admin_site": self.model_admin.admin_site,
            "user": self.request.user,
            "can_add_author": self.request.user.has_perm("articles.add_author"),
        }

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_options()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        admin_form = helpers.AdminForm(form, form.fieldsets, prepopulated_fields={})
        return {
            **self.model_admin.admin_site.each_context(self.request),
            **context,
            "adminform": admin_form,
            "opts": Article._meta,
            "title": "Add cross-posted piece",
            "media": self.model_admin.media + admin_form.media,
            "has_view_permission": self.model_admin.has_view_permission(self.request),
        }

    def form_valid(self, form):
        return check_page(self.request, self.model_admin, form)


class CheckCrossPostView(View):
    """The check step's buttons: "Make the draft", and "Change the paste" to go back.

    A GET has nothing to check and goes to the paste page.
    """

    model_admin = None

    def dispatch(self, request, *args, **kwargs):
        if not self.model_admin.has_add_permission(request):
            raise PermissionDenied
        self.paste = AddCrossPostView(model_admin=self.model_admin)
        self.paste.setup(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return HttpResponseRedirect(reverse("admin:articles_article_add_cross_post"))

    def post(self, request):
        try:
            state = read_state(request, request.POST.get("state", ""))
        except signing.BadSignature:
            return self.paste_page(CrossPostForm(**self.paste.form_options()), refused=ALTERED)
        paste_form = CrossPostForm(data=state, **self.paste.form_options())
        valid = paste_form.is_valid()
        check_form = CheckForm(request.POST, piece=paste_form.cleaned_piece)
        if "_back" in request.POST or not valid:
            # Checked already: only what the page shows changes, not what it was checked for.
            paste_form.data = back_to_paste(request, paste_form, check_form)
            return self.paste_page(paste_form)
        if not check_form.is_valid():
            return check_page(request, self.model_admin, paste_form, check_form)
        try:
            article = self.save(paste_form, check_form)
        except ValidationError as error:
            message = importing.validation_message(error) if hasattr(error, "error_dict") else error
            check_form.add_error(None, message)
            return check_page(request, self.model_admin, paste_form, check_form)
        self.tell(article, paste_form)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def paste_page(self, form, *, refused: str = ""):
        context = self.paste.get_context_data(form=form, refused=refused)
        return self.paste.render_to_response(context)

    def save(self, paste_form, check_form) -> Article:
        data = check_form.cleaned_data
        piece = paste_form.piece()
        piece.headline, piece.slug, piece.kind, piece.dek = (
            data["headline"],
            data["slug"],
            data["kind"],
            data["dek"],
        )
        piece.body = check_form.body
        piece.warnings = check_form.warnings()
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(self.request.user)
            reversion.set_comment("Created from a pasted cross-post.")
            saved = importing.save_piece(
                piece, authors=[paste_form.chosen_author()], created_by=self.request.user
            )
            if not saved.created:
                raise duplicate_origin_error(saved.article, user=self.request.user)
        self.model_admin.log_addition(self.request, saved.article, [{"added": {}}])
        return saved.article

    def tell(self, article: Article, paste_form) -> None:
        messages.success(
            self.request,
            format_html(
                "The draft {} “{}” was made from the pasted piece. Check it against the "
                "original, then send it for review.",
                article.kind_label.lower(),
                article.headline,
            ),
        )
        if notes := paste_form.cleaned_piece.notes:
            messages.info(
                self.request,
                format_html(
                    "What was done to the pasted piece:<ul>{}</ul>",
                    format_html_join("", "<li>{}</li>", ((note,) for note in notes)),
                ),
            )

"""What kind of piece an article is, and where it stands in the workflow."""

from django.db import models


class ArticleKind(models.TextChoices):
    NEWS = "news", "News"
    OP_ED = "op-ed", "Op-ed"
    PRESS_RELEASE = "press-release", "Press release"
    ANNOUNCEMENT = "announcement", "Announcement"
    FEATURE = "feature", "Feature"
    INTERVIEW = "interview", "Interview"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_REVIEW = "in-review", "In review"
    PUBLISHED = "published", "Published"
    UNPUBLISHED = "unpublished", "Unpublished"

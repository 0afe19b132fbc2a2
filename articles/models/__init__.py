from articles.models.article import *  # noqa: F403

"""The subscribe page's address, and the header of a post the browser says comes from the
site."""

SUBSCRIBE = "/news/alerts/"
SAME_ORIGIN = {"HTTP_SEC_FETCH_SITE": "same-origin"}

"""Email alerts: readers get new pieces by email, each as it is published or in a daily digest.

A reader gives an address on the news index, an article, an author or a tag page (the form is
prefilled with what the page is about) and chooses everything, or kinds, tags or authors.
Nothing is sent until they open the signed link of the confirmation email (double opt-in); the
form answers the same whether the address is new, known or confirmed, and is rate-limited per
address and per client. Every alert links to the reader's preferences page and can be
unsubscribed from in one click (RFC 8058), by its headers or its link.

Alerts carry the warning first and never a hidden passage: the text is the feeds' own
(`articles.feeds.entries.full_text`), and a piece held behind its warning sends only the warning
and a link. Each message is recorded (`AlertDelivery`) before it is sent and marked sent in its
own small transaction, so a retry after a crash sends nothing twice, and a message sent again
before it could be marked keeps its `Message-ID`.

- `tokens`: the signed links: confirming an address, and a subscriber's preferences and
  unsubscribe address.
- `addresses`: checking an address typed into the form, and absolute links for emails.
- `throttles`: the subscribe form's rate limits, per client and per address.
- `matching`: which subscribers a piece is for, and which pieces a subscriber chose.
- `messages`: the emails themselves: confirmation, alert, digest.
- `subscribing`: subscribing, confirming, changing choices, unsubscribing; export and erase.
- `recording`: the rows recorded before anything is sent, one per reader of an event or a
  day's digest, and which of a day's pieces each digest reader has yet to be sent.
- `sending`: `send_instant_alerts` and `send_digest` (the pieces announced that day, whatever
  their date), which a background task calls.
- `bounces`: stopping alerts to an address its mail server refuses, or that the email provider
  later reports bounced, complained of or unsubscribed (django-anymail's tracking webhooks),
  with the reason kept for staff.
- `channel`: the tasks, and the digest chain: each day's digest queues the next, and missed
  days are caught up, at most `CATCH_UP_DAYS` back.
- `forms`, `views`, `urls`: the reader's pages under /news/alerts/.
"""

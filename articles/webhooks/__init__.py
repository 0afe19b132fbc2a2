"""Webhooks: events sent to receivers that editors register, signed per Standard Webhooks.

- `addresses`: which receiver addresses are allowed (public http(s) hosts only), checked when
  an endpoint is saved and again, resolved afresh, before every attempt.
- `channel`: the events channel: a delivery row per event for each endpoint that chose its
  kind, and re-queueing what a stopped worker left.
- `delivery`: the `deliver` task: one endpoint's deliveries in event order, retried with
  backoff, the endpoint disabled after repeated failures; enabling it again.
- `sending`: one attempt: the signed JSON message POSTed to the checked address.

The models are `articles.models.WebhookEndpoint` and `WebhookDelivery`; the admin is
`articles.admin.webhooks`; `docs/webhooks.md` is what receivers need to know.
"""

vcl 4.1;
# Varnish 7 in front of the newsroom, purged by tag through the xkey vmod (Debian: `varnish` and
# `varnish-modules`). See docs/deploying.md; tests/newsroom/pagecache/test_varnish.py runs it.
#
# - Public reader pages are kept as long as the app's `s-maxage` says (EDGE_MAX_AGE, never past
#   the next scheduled publication) and dropped by the app the moment what they show changes:
#   it sends `PURGE` with the page-cache tags in `xkey-purge` (EDGE_PURGE=varnish). A page the
#   app was making when a change was committed comes after that change's purge, marked private:
#   it is not kept (vcl_backend_response).
# - Purges are taken only on a listen address of their own, named `purge`, which the TLS proxy
#   in front never forwards to, and only from the `purgers` ACL; readers reach the other one:
#     varnishd -a public=127.0.0.1:6081 -a purge=127.0.0.1:6091 …
#   with EDGE_PURGE_URLS=http://127.0.0.1:6091 (a private address the app servers reach, when
#   they run elsewhere). The client's address alone would not do: the TLS proxy connects from
#   this machine too, and relays any reader's PURGE from loopback.
# - Editors (a session cookie), credentials, the admin and anything not GET or HEAD go to the
#   app untouched. Readers' other cookies are dropped, except the spoiler choice pages vary by.
# - Readers' pages are keyed by the scheme they came by (X-Forwarded-Proto, which the TLS proxy
#   sets), as the app's are, and by their query string without tracking parameters and sorted,
#   so a link shared with its own fbclid or utm_* on every click is one page here, as in the app.

import std;
import xkey;

# The app: gunicorn on this machine.
backend default {
    .host = "127.0.0.1";
    .port = "8000";
}

# Who may purge, on the `purge` listen address: the app servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # gunicorn takes the app's SCRIPT_NAME and PATH_INFO from headers of those names sent from
    # loopback, where this cache connects from (forwarder_headers): no client chooses them.
    unset req.http.SCRIPT_NAME;
    unset req.http.PATH_INFO;
    if (req.method == "PURGE") {
        if (local.socket != "purge" || client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the tags to purge in xkey-purge"));
        }
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }
    # The scheme the reader came by, as the TLS proxy says and the app reads it
    # (SECURE_PROXY_SSL_HEADER: the first value, exactly `https`): pages name their own address
    # with it, and plain http may be redirected. Each scheme's pages are kept apart (vcl_hash).
    if (req.http.X-Forwarded-Proto ~ "^\s*https\s*(,|$)") {
        set req.http.X-Forwarded-Proto = "https";
    } else {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # SESSION_COOKIE_NAME: keep in step with the app's settings.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(__Host-)?sessionid=" ||
        req.url ~ "^/admin/") {
        return (pass);
    }
    # Only the cookie reader pages vary by (see Vary: Cookie) reaches the app and the cache key.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball("; " + req.http.Cookie, ";\s*", "; ");
        set req.http.Cookie = regsuball(req.http.Cookie, "; hide_spoilers=", ";hide_spoilers=");
        set req.http.Cookie = regsuball(req.http.Cookie, "; [^;]*", "");
        set req.http.Cookie = regsub(req.http.Cookie, "^;", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # Tracking parameters: no page reads them (a reader page sees only the parameters its app
    # registered with `vary_on_query`, newsroom/pagecache/keys.py), so neither the key nor the
    # app gets them; the browser's address keeps them for the analytics that read it. Keep the
    # list clear of every parameter the app reads, and the same in both regular expressions
    # below (tests/newsroom/pagecache/test_varnish.py checks). A redirect within the site
    # carries them on (vcl_deliver), so the page it leads to is counted as the shared link was:
    # they are kept aside, in their order, for that alone.
    unset req.http.X-Edge-Tracking;
    if (req.url ~ "\?") {
        set req.http.X-Edge-Tracking = regsuball(regsub(req.url, "^[^?]*\?", "&"), "&(?!(?i)(utm_[^&=]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|twclid|ttclid|li_fat_id|trk|trkCampaign|mc_cid|mc_eid|igshid|yclid|_ga|_gl)(=|&|$))[^&]*", "");
        if (req.http.X-Edge-Tracking == "") {
            unset req.http.X-Edge-Tracking;
        }
        set req.url = regsub(req.url, "\?", "?&");
        set req.url = regsuball(req.url, "(?i)&(utm_[^&=]*|fbclid|gclid|dclid|gbraid|wbraid|msclkid|twclid|ttclid|li_fat_id|trk|trkCampaign|mc_cid|mc_eid|igshid|yclid|_ga|_gl)(=[^&]*)?(?=&|$)", "");
        set req.url = regsub(req.url, "\?&", "?");
        set req.url = std.querysort(regsub(req.url, "\?$", ""));
    }
    return (hash);
}

sub vcl_hash {
    # Then the built-in vcl_hash: the URL and the host.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # Only what the app marks public is kept; anything setting a cookie never is.
    if (beresp.http.Cache-Control !~ "public" || beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 2m;
        return (deliver);
    }
    # A purge drops objects outright; grace covers only a slow or failing app.
    set beresp.grace = 5m;
}

sub vcl_backend_fetch {
    unset bereq.http.X-Edge-Tracking;
}

sub vcl_deliver {
    # The tracking parameters stripped on the way in (vcl_recv), on a redirect to a page of
    # this site: a former address, a missing slash.
    if (req.http.X-Edge-Tracking && resp.status >= 301 && resp.status <= 308 &&
        resp.http.Location ~ "^/([^/\\]|$)") {
        if (resp.http.Location ~ "\?") {
            set resp.http.Location = resp.http.Location + req.http.X-Edge-Tracking;
        } else {
            set resp.http.Location = resp.http.Location + "?" + regsub(req.http.X-Edge-Tracking, "^&", "");
        }
    }
    # The tags are for this cache alone.
    unset resp.http.xkey;
    # A copy without Last-Modified (a page changed and made again within the second of the one
    # it replaced) is revalidated by its ETag alone: Varnish would otherwise date it by when it
    # was fetched, that same second, and answer 304 to a reader holding the copy it replaced.
    if (!resp.http.Last-Modified) {
        unset req.http.If-Modified-Since;
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

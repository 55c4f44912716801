# A schemathesis check of this project (loaded through SCHEMATHESIS_HOOKS by run.ts; issue 11):
# 503 with Retry-After is the platform's answer when PostgreSQL, Temporal or the worker is down,
# so it is accepted only while /health says so. With every component up, a 503 is a failure:
# it names the error code the API gave, and what /health answered right after it.
import json
import os
import urllib.error
import urllib.request

import schemathesis

BASE = os.environ["WEIBAO_ST_BASE"]


def _health():
    try:
        with urllib.request.urlopen(f"{BASE}/health", timeout=3) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")[:300]
    except Exception as e:  # the API itself is not answering: not a healthy stack
        return None, str(e)


@schemathesis.check
def no_503_while_healthy(ctx, response, case):
    if response.status_code != 503:
        return None
    try:
        code = response.json().get("error", {}).get("code")
    except Exception:
        code = None
    status, body = _health()
    if status == 200:
        raise AssertionError(f"503 {code} while /health says every component is ok ({json.dumps(body)[:300]})")
    return None

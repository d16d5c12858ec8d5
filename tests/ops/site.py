"""A browser-like HTTP client for a running server (gunicorn, nginx): it
keeps the session, sends the CSRF token back, and talks to the site as the
HTTPS origin a proxy in front of it would announce.

Production cookies are `Secure`, and a client speaking plain HTTP to the
application server would not send them back; behind a TLS proxy the
browser does. So cookies are kept here by hand, and every request carries
`X-Forwarded-Proto: https` unless the client talks HTTPS itself. Used by
the production-path test and by `benchmarks/load.py`.
"""

import re
import time
from urllib.parse import urlsplit

import httpx

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
HIDDEN_INPUT = re.compile(r'<input type="hidden" name="(\w+)" value="([^"]*)"')


class SiteClient:
    def __init__(self, base_url: str, *, https_origin: str | None = None, timeout: float = 30):
        parts = urlsplit(base_url)
        self.origin = https_origin or f"https://{parts.netloc}"
        headers = {"Origin": self.origin}
        if parts.scheme == "http":
            headers["X-Forwarded-Proto"] = "https"
        self.http = httpx.Client(base_url=base_url, headers=headers, timeout=timeout, verify=False)
        self.cookies: dict[str, str] = {}

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> "SiteClient":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def request(self, method: str, url: str, **kwargs) -> httpx.Response:
        headers = kwargs.pop("headers", {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        response = self.http.request(method, url, headers=headers, **kwargs)
        self.http.cookies.clear()  # kept below, sent above
        for name, value in response.cookies.items():
            self.cookies[name] = value
        return response

    def get(self, url: str, **kwargs) -> httpx.Response:
        return self.request("GET", url, **kwargs)

    def post_form(self, url: str, data: dict, *, page: httpx.Response | None = None):
        """POST `data` with the CSRF token (and hidden inputs such as a form's
        one-time token) read from `page`, or from a fresh GET of `url`."""
        page = page if page is not None else self.get(url)
        fields = dict(HIDDEN_INPUT.findall(page.text))
        fields["csrfmiddlewaretoken"] = CSRF_INPUT.search(page.text).group(1)
        fields.update(data)
        return self.request("POST", url, data=fields, headers={"Referer": self.origin + url})

    def login(self, username: str, password: str) -> httpx.Response:
        response = self.post_form("/accounts/login/", {"username": username, "password": password})
        if response.status_code != 302:
            raise AssertionError(f"login of {username} failed: {response.status_code}")
        return response


def wait_until_up(url: str, *, seconds: float = 60, process=None) -> None:
    """Poll `url` until it answers 200 (or the process dies, or time runs out)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url, timeout=2, verify=False).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer within {seconds} s")

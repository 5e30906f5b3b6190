"""A small OpenID Connect provider on loopback, for tests: discovery, authorize (which signs in
one configured person at once, as a provider would after its own login page), token with an
RS256-signed ID token, JWKS and userinfo. Just enough of the protocol for Authlib, which
Streamlit's st.login uses, to run the real authorization-code flow against it."""

import base64
import json
import secrets
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from joserfc import jwt
from joserfc.jwk import RSAKey

CLIENT_ID = "samverkansnavet"
CLIENT_SECRET = "mock-idp-client-secret"


class MockIdentityProvider:
    def __init__(self, person: dict[str, str]) -> None:
        """person: the claims of whoever signs in (sub, name, email)."""
        self.person = person
        self.key = RSAKey.generate_key(
            2048, parameters={"kid": "mock", "use": "sig", "alg": "RS256"}
        )
        self.codes: dict[str, dict] = {}
        self.token_requests = 0
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def issuer(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def __enter__(self) -> "MockIdentityProvider":
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def metadata(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "profile", "email"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def authorize(self, query: dict[str, str]) -> str:
        """Where the browser goes next: back to the app with a one-time code."""
        if query.get("client_id") != CLIENT_ID:
            raise ValueError("unknown client")
        code = secrets.token_urlsafe(16)
        self.codes[code] = {"nonce": query.get("nonce"), "redirect_uri": query["redirect_uri"]}
        back = {"code": code, "state": query.get("state", "")}
        return f"{query['redirect_uri']}?{urllib.parse.urlencode(back)}"

    def token(self, form: dict[str, str], authorization: str | None) -> dict:
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            pair = base64.b64decode(authorization[6:]).decode()
            client_id, client_secret = (urllib.parse.unquote(p) for p in pair.split(":", 1))
        if (client_id, client_secret) != (CLIENT_ID, CLIENT_SECRET):
            raise PermissionError("bad client credentials")
        grant = self.codes.pop(form.get("code", ""), None)
        if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
            raise PermissionError("bad or used code")
        self.token_requests += 1
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": CLIENT_ID, "iat": now, "exp": now + 300, **self.person}
        if grant["nonce"]:
            claims["nonce"] = grant["nonce"]
        id_token = jwt.encode({"alg": "RS256", "kid": "mock"}, claims, self.key)
        return {
            "access_token": secrets.token_urlsafe(16),
            "token_type": "Bearer",
            "expires_in": 300,
            "id_token": id_token,
            "scope": "openid profile email",
        }


def _handler(idp: MockIdentityProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # keep test output quiet
            pass

        def _json(self, status: int, body: dict) -> None:
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            query = dict(urllib.parse.parse_qsl(url.query))
            if url.path == "/.well-known/openid-configuration":
                self._json(200, idp.metadata())
            elif url.path == "/jwks":
                self._json(200, {"keys": [idp.key.as_dict(private=False)]})
            elif url.path == "/userinfo":
                self._json(200, idp.person)
            elif url.path == "/authorize":
                try:
                    location = idp.authorize(query)
                except (KeyError, ValueError) as wrong:
                    self._json(400, {"error": "invalid_request", "detail": str(wrong)})
                    return
                self.send_response(302)
                self.send_header("Location", location)
                self.end_headers()
            else:
                self._json(404, {"error": "not_found"})

        def do_POST(self) -> None:
            if urllib.parse.urlsplit(self.path).path != "/token":
                self._json(404, {"error": "not_found"})
                return
            length = int(self.headers.get("Content-Length", "0"))
            form = dict(urllib.parse.parse_qsl(self.rfile.read(length).decode()))
            try:
                self._json(200, idp.token(form, self.headers.get("Authorization")))
            except PermissionError as refused:
                self._json(400, {"error": "invalid_grant", "error_description": str(refused)})

    return Handler

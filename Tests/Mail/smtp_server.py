"""A real SMTP server on loopback for dxtrack's mail tests: aiosmtpd (PyPI) with STARTTLS
required before AUTH, one account, and every message kept as a .eml file.

    python3 smtp_server.py PORT SPOOL CERT KEY USER PASSWORD

Prints READY once it listens; runs until killed.
"""
import asyncio, pathlib, ssl, sys, time, uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, spool, cert, key, user, password = sys.argv[1:7]
spool = pathlib.Path(spool)
spool.mkdir(parents=True, exist_ok=True)


class Keep:
    async def handle_DATA(self, server, session, envelope):
        name = f"{time.time_ns()}-{uuid.uuid4().hex[:8]}"
        (spool / f"{name}.eml").write_bytes(envelope.original_content or envelope.content)
        (spool / f"{name}.rcpt").write_text("\n".join(envelope.rcpt_tos))
        return "250 OK kept"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
    return AuthResult(success=ok, handled=False)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Keep(), hostname="127.0.0.1", port=int(port), tls_context=context, require_starttls=True,
                        auth_required=True, auth_require_tls=True, authenticator=authenticate)
controller.start()
print("READY", flush=True)
try:
    asyncio.get_event_loop().run_until_complete(asyncio.Event().wait())
except KeyboardInterrupt:
    pass
finally:
    controller.stop()

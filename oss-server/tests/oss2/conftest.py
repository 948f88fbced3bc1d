"""Fixtures for testing oss-server with an independent client: Alibaba's official Python SDK
oss2 (from PyPI, installed into .venv-oss2 by scripts/install-deps.sh).

Each test gets a fresh server process (the built `oss-server` binary, $OSS_SERVER_BIN or
target/debug/oss-server) listening on 127.0.0.1 with a free port and a temporary root.
"""

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import oss2
import pytest

ACCESS_KEY_ID = "LTAI5tLocalTestKey"
ACCESS_KEY_SECRET = "LocalTestSecret0123456789abcdef"
REGION = "cn-hangzhou"
REPO = Path(__file__).resolve().parents[3]
START_TIMEOUT = 20

_names = itertools.count()

# Everything goes to the server on 127.0.0.1: a proxy from the environment (CI machines often
# have one) must not take the traffic.
for _variable in ["http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"]:
    os.environ.pop(_variable, None)


def server_binary():
    path = os.environ.get("OSS_SERVER_BIN") or str(REPO / "target" / "debug" / "oss-server")
    if not os.access(path, os.X_OK):
        pytest.fail(f"no oss-server binary at {path}: build it (cargo build -p oss-server) or set OSS_SERVER_BIN")
    return path


class Server:
    """A running oss-server process and how to reach it."""

    def __init__(self, *args):
        self.root = tempfile.mkdtemp(prefix="oss2-root-")
        command = [server_binary(), "--listen", "127.0.0.1:0", "--root", self.root, *args]
        self.process = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        try:
            line = self._first_line()
        except BaseException:
            self.stop()
            raise
        self.address = line.strip()
        self.port = int(self.address.rsplit(":", 1)[1])
        self.endpoint = f"http://{self.address}"
        self.admin = f"{self.endpoint}/-/admin"

    def _first_line(self):
        # The server prints its address once it accepts connections; wait a bounded time.
        import selectors

        selector = selectors.DefaultSelector()
        selector.register(self.process.stdout, selectors.EVENT_READ)
        if not selector.select(START_TIMEOUT):
            raise RuntimeError("oss-server did not print its address in time")
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"oss-server exited early with status {self.process.wait()}")
        return line

    def stop(self):
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.process.stdout.close()
        shutil.rmtree(self.root, ignore_errors=True)


def unique_bucket_name(prefix="b"):
    return f"{prefix}-{os.getpid()}-{next(_names)}"


def auth_for(version, token=None):
    if token is not None:
        return oss2.StsAuth(ACCESS_KEY_ID, ACCESS_KEY_SECRET, token, auth_version=version)
    return oss2.AuthV4(ACCESS_KEY_ID, ACCESS_KEY_SECRET) if version == "v4" else oss2.Auth(ACCESS_KEY_ID, ACCESS_KEY_SECRET)


def make_bucket(server, name, version="v1", style="path", token=None, auth=None):
    """An oss2.Bucket on the server: `path` style on the IP endpoint, or virtual-hosted as
    `name.oss-local.test:PORT` (`vhost`: oss2 puts the bucket into the endpoint's host name) or
    `name.localhost:PORT` (`localhost`: oss2 in CNAME mode, since it treats localhost endpoints
    as path style). Virtual-hosted requests go to the server as to an HTTP proxy, so no DNS
    entry is needed."""
    auth = auth or auth_for(version, token)
    proxies = {"http": server.endpoint}
    if style == "vhost":
        return oss2.Bucket(auth, f"http://oss-local.test:{server.port}", name, region=REGION, proxies=proxies)
    if style == "localhost":
        endpoint = f"http://{name}.localhost:{server.port}"
        return oss2.Bucket(auth, endpoint, name, is_cname=True, region=REGION, proxies=proxies)
    return oss2.Bucket(auth, server.endpoint, name, region=REGION)


def make_service(server, version="v1"):
    return oss2.Service(auth_for(version), server.endpoint, region=REGION)


@pytest.fixture
def server():
    s = Server()
    yield s
    s.stop()


@pytest.fixture
def start_server():
    """A factory for servers with extra options (e.g. `--sts-token T`)."""
    started = []

    def start(*args):
        s = Server(*args)
        started.append(s)
        return s

    yield start
    for s in started:
        s.stop()


@pytest.fixture
def bucket(server):
    """A fresh bucket, created through oss2 (V1, path style)."""
    b = make_bucket(server, unique_bucket_name())
    b.create_bucket()
    return b


CLIENT_FORMS = ["v1", "v4", "v1-vhost", "v4-vhost", "v1-localhost", "v4-localhost"]


@pytest.fixture(params=CLIENT_FORMS)
def any_bucket(request, server):
    """The same fresh bucket reached through each signing version and addressing style."""
    version, _, style = request.param.partition("-")
    b = make_bucket(server, unique_bucket_name(), version=version, style=style or "path")
    b.create_bucket()
    return b

"""``gongwen-lint serve`` against a real uvicorn on a free loopback port, through httpx.

Two servers: one started with no configuration at all (the defaults an office gets), and a
strict one (token, small limits, a short time limit, a reference index) for the guards.
The JSON the service answers is compared with what the CLI prints for the same file.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from gongwen_lint.api import read_docx
from gongwen_lint.cli import main as cli_main
from serving import Server, gongwen_lint_command

pytest.importorskip("fastapi", reason="the serve extra is not installed: pip install -e '.[serve]'")
pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install -e '.[serve]'")
httpx = pytest.importorskip("httpx", reason="httpx (test extra) is not installed")

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "通知草稿.docx"
TOKEN = "s3cret-token_0.x~"
DRAFT_TXT = "关于召开全市防汛工作会议的通知\n各乡镇人民政府：\n定于7月1日召开会议,请准时参加。\n特此通知。\n宜城市水利局\n二〇二四年六月二十日\n"
REFERENCE = [
    "关于加强城市排水防涝工作的通知",
    "各区要在五月底前完成主城区二百一十处易涝点的排查，逐点明确责任单位、整改措施和完成时限，整改情况每周报市排水办。",
    "汛期实行易涝点二十四小时巡查，雨量达到五十毫米时，责任单位负责人必须到现场指挥排水，并及时疏导过往车辆和行人。",
]
COPYING_DRAFT = "\n".join([
    "关于做好我区防汛工作的通知", "各街道办事处，区政府各部门：",
    "我区今年新建雨水泵站两座，改造老旧管网十八公里，所需资金由区财政统筹安排。",
    "按照市里要求，" + REFERENCE[2], "特此通知。", "某区人民政府", "2024年6月1日",
]) + "\n"


# -- the servers --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def work(tmp_path_factory) -> Path:
    """A folder with no configuration file above it that matters: drafts, the servers' cwd."""
    folder = tmp_path_factory.mktemp("serve")
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    (folder / "草稿.txt").write_text(DRAFT_TXT, encoding="utf-8")
    (folder / "旧稿.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)  # an OLE2 .doc
    data = EXAMPLE.read_bytes()
    (folder / "断了.docx").write_bytes(data[: len(data) // 2])
    (folder / "空.docx").write_bytes(b"")
    (folder / "复制.txt").write_text(COPYING_DRAFT, encoding="utf-8")
    (folder / "上级.txt").write_text("\n".join(REFERENCE) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def uploads_dir(tmp_path_factory) -> Path:
    """The servers' $TMPDIR: every private upload folder is made (and must be removed) here."""
    return tmp_path_factory.mktemp("server-tmp")


@pytest.fixture(scope="module")
def server(work, uploads_dir):
    """``gongwen-lint serve`` with no options but the port (the defaults)."""
    with Server(cwd=work, env={"TMPDIR": str(uploads_dir)}) as s:
        yield s


@pytest.fixture(scope="module")
def index(work) -> Path:
    path = work / "参考.sqlite"
    run_cli(work, "index", "add", "--index", str(path), "--level", "higher", "上级.txt")
    return path


@pytest.fixture(scope="module")
def strict(work, index, uploads_dir):
    """Token, 1 MB uploads, 2 s to upload, 1 s to check, one worker, an index named 上级."""
    with Server("--workers", "1", "--max-upload-mb", "1", "--upload-timeout", "2", "--timeout", "1",
                "--index", f"上级={index}", cwd=work, env={"GONGWEN_LINT_TOKEN": TOKEN, "TMPDIR": str(uploads_dir)}) as s:
        yield s


def run_cli(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*gongwen_lint_command(), *args], cwd=cwd, capture_output=True, text=True, encoding="utf-8", check=False)


def cli_json(cwd: Path, name: str, *options: str) -> dict:
    out = run_cli(cwd, "check", name, "--format", "json", *options)
    assert out.returncode in (0, 1, 2), out.stderr
    return json.loads(out.stdout)


def post(server: Server, endpoint: str, path: Path, data: dict | None = None, name: str | None = None,
         headers: dict | None = None) -> httpx.Response:
    files = {"file": (name or path.name, path.read_bytes(), "application/octet-stream")}
    return httpx.post(server.url + endpoint, files=files, data=data or {}, headers=headers or {}, timeout=60)


def auth() -> dict:
    return {"Authorization": f"Bearer {TOKEN}"}


def assert_healthy(server: Server) -> None:
    assert server.alive()
    r = httpx.get(server.url + "healthz", timeout=10)
    assert r.status_code == 200 and r.json()["status"] == "ok", r.text


# -- starting -----------------------------------------------------------------------------------


def test_starts_with_no_configuration_on_loopback(server):
    assert server.url.startswith("http://127.0.0.1:")
    health = httpx.get(server.url + "healthz").json()
    assert health["status"] == "ok" and health["workers"] >= 1


def test_serve_without_a_free_port_says_so_in_chinese(work):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([*gongwen_lint_command(), "serve", "--port", str(port)], cwd=work,
                             capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)
    assert out.returncode == 2
    assert "端口可能已被占用" in out.stderr and "Traceback" not in out.stderr


def test_serve_with_a_missing_index_fails_before_listening(work):
    out = run_cli(work, "serve", "--port", "0", "--index", str(work / "没有.sqlite"))
    assert out.returncode == 2 and "参考索引无法使用" in out.stderr and "Traceback" not in out.stderr


# -- the same JSON as the CLI ---------------------------------------------------------------------


@pytest.mark.parametrize("name, options", [
    ("通知草稿.docx", {}),
    ("通知草稿.docx", {"select": "GW1,GW4", "ignore": "GW401"}),
    ("通知草稿.docx", {"select": "ALL"}),
    ("草稿.txt", {}),
    ("草稿.txt", {"extend_select": "GW7"}),
])
def test_check_json_equals_the_cli_json(server, work, name, options):
    cli_options = [x for k, v in options.items() for x in (f"--{k.replace('_', '-')}", v)]
    expected = cli_json(work, name, *cli_options)
    r = post(server, "api/v1/check", work / name, data=options)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    assert r.json() == expected
    assert expected["files"][0]["diagnostics"]  # a comparison of two empty reports would prove nothing


def test_check_with_the_configured_index_equals_the_cli(strict, work, index):
    expected = cli_json(work, "复制.txt", "--index", str(index))
    assert any(d["code"].startswith("GW8") for d in expected["files"][0]["diagnostics"])
    for data in ({}, {"index": "上级"}):  # the first configured index is the default
        r = post(strict, "api/v1/check", work / "复制.txt", data=data, headers=auth())
        assert r.status_code == 200, r.text
        assert r.json() == expected


@pytest.mark.skipif(not os.environ.get("GONGWEN_TEST_PG"), reason="GONGWEN_TEST_PG is not set: no PostgreSQL server for this run (.ci/postgres.sh starts one)")
def test_check_with_a_postgresql_index_equals_the_cli(work):
    from gongwen_lint.index.backends import open_index

    url = os.environ["GONGWEN_TEST_PG"]
    store = open_index(url, create=True)
    store.drop()
    store.close()
    try:
        assert run_cli(work, "index", "add", "--index", url, "--level", "higher", "上级.txt").returncode == 0
        expected = cli_json(work, "复制.txt", "--index", url)
        assert any(d["code"].startswith("GW8") for d in expected["files"][0]["diagnostics"])
        with Server("--workers", "1", "--index", url, cwd=work) as pg_server:
            for _ in range(2):  # the second check reuses the worker's open connection
                r = post(pg_server, "api/v1/check", work / "复制.txt")
                assert r.status_code == 200, r.text
                assert r.json() == expected
    finally:
        store = open_index(url, create=True)
        store.drop()
        store.close()


def test_review_bundles_the_cli_json_and_the_structure(server, work):
    r = post(server, "api/v1/review", work / EXAMPLE.name)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["check"] == cli_json(work, EXAMPLE.name)
    inspect = json.loads(run_cli(work, "inspect", EXAMPLE.name, "--format", "json").stdout)
    assert body["inspect"] == inspect
    assert body["labels"]["severity"] == {"error": "错误", "warning": "警告", "info": "提示"}
    assert body["labels"]["role"]["doc_number"] == "发文字号"


def test_rules_carry_the_rule_command_text(server):
    rules = httpx.get(server.url + "api/v1/rules").json()
    assert len(rules) > 30
    for code in ("GW102", "GW702", rules[-1]["code"]):
        expected = CliRunner().invoke(cli_main, ["rule", code]).output
        got = next(r for r in rules if r["code"] == code)
        assert got["explanation"] + "\n" == expected
        assert httpx.get(server.url + f"api/v1/rules/{code}").json() == got
    r = httpx.get(server.url + "api/v1/rules/GW999")
    assert r.status_code == 404 and "没有规则" in r.json()["detail"]


# -- the copies -----------------------------------------------------------------------------------


def test_annotated_copy_has_one_comment_per_paragraph_and_rule(server, work, tmp_path):
    r = post(server, "api/v1/annotate", work / EXAMPLE.name)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert "filename*=UTF-8''" + "%E9%80%9A%E7%9F%A5%E8%8D%89%E7%A8%BF-%E6%89%B9%E6%B3%A8%E7%A8%BF.docx" in r.headers["content-disposition"]
    out = tmp_path / "批注稿.docx"
    out.write_bytes(r.content)
    findings = cli_json(work, EXAMPLE.name)["files"][0]["findings"]
    comments = [c for c in read_docx(out).comments if c.author == "gongwen-lint"]
    # one comment per paragraph and rule (issue 14), holding a line per finding
    groups = {(f["location"]["part"], f["location"]["paragraph"], f["last_paragraph"], f["code"]) for f in findings}
    assert int(r.headers["x-gongwen-lint-comments"]) == len(comments) == len(groups) < len(findings)
    lines = sorted(line for c in comments for line in c.text.split("\n") if line.startswith("[GW"))
    assert lines == sorted(f"[{f['code']}] {f['message']}" for f in findings)
    assert [p.text for p in read_docx(out).body] == [p.text for p in read_docx(work / EXAMPLE.name).body]


def test_fixed_copy_is_the_cli_fixed_copy(server, work, tmp_path):
    r = post(server, "api/v1/fix", work / EXAMPLE.name)
    assert r.status_code == 200, r.text
    out = run_cli(work, "check", EXAMPLE.name, "--fix-to", str(tmp_path / "cli.docx"))
    assert out.returncode in (0, 1), out.stderr
    cli_copy = zipfile.ZipFile(tmp_path / "cli.docx")
    (tmp_path / "api.docx").write_bytes(r.content)
    api_copy = zipfile.ZipFile(tmp_path / "api.docx")
    assert api_copy.namelist() == cli_copy.namelist()
    assert all(api_copy.read(n) == cli_copy.read(n) for n in cli_copy.namelist())
    assert int(r.headers["x-gongwen-lint-fixes"]) == 3
    fixed = [p.text for p in read_docx(tmp_path / "api.docx").body]
    assert "宜政办发〔2024〕7号" in fixed and "2024年3月12日" in fixed
    assert int(r.headers["x-gongwen-lint-remaining"]) == len(cli_json(tmp_path, "api.docx")["files"][0]["diagnostics"])


def test_annotating_a_text_draft_is_refused_in_chinese(server, work):
    r = post(server, "api/v1/annotate", work / "草稿.txt")
    assert r.status_code == 422 and r.json()["detail"] == "只能为 .docx 草稿生成带批注的副本"


# -- bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["旧稿.doc", "断了.docx", "空.docx"])
@pytest.mark.parametrize("endpoint", ["check", "review", "annotate", "fix"])
def test_bad_file_gets_422_with_the_cli_message(server, work, name, endpoint):
    message = cli_json(work, name)["files"][0]["error"]
    assert message and "Traceback" not in message
    r = post(server, f"api/v1/{endpoint}", work / name)
    assert r.status_code == 422
    assert r.json() == {"detail": message}
    assert_healthy(server)


def test_oversized_upload_gets_413_and_the_server_keeps_serving(server, work):
    big = b"PK\x03\x04" + b"\0" * (21 * 1024 * 1024)  # over the 20 MB default
    r = httpx.post(server.url + "api/v1/check", files={"file": ("大.docx", big)}, timeout=60)
    assert r.status_code == 413
    assert r.json()["detail"].startswith("上传的文件太大：上限为 20 MB")
    assert_healthy(server)
    assert post(server, "api/v1/check", work / EXAMPLE.name).status_code == 200


def test_oversized_upload_without_a_length_is_cut_off_with_413(strict):
    boundary = "gwboundary"
    body = (f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.docx"\r\n\r\n'.encode()
            + b"x" * (3 * 1024 * 1024) + f"\r\n--{boundary}--\r\n".encode())
    chunks = (body[i:i + 65536] for i in range(0, len(body), 65536))  # no Content-Length: chunked
    r = httpx.post(strict.url + "api/v1/check", content=chunks, timeout=60,
                   headers={"content-type": f"multipart/form-data; boundary={boundary}", **auth()})
    assert r.status_code == 413 and "上限为 1 MB" in r.json()["detail"]
    assert_healthy(strict)


def test_slow_upload_gets_408(strict):
    host, port = strict.url.split("//")[1].rstrip("/").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as s:
        s.sendall(b"POST /api/v1/check HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                  b"Content-Length: 1000\r\nAuthorization: Bearer " + TOKEN.encode() + b"\r\n\r\n--b\r\n")
        started = time.monotonic()
        received = b""
        while chunk := s.recv(65536):  # the server closes after its answer
            received += chunk
        answer = received.decode("utf-8", "replace")
    assert answer.startswith("HTTP/1.1 408")
    assert "上传超时" in answer
    assert 1.5 < time.monotonic() - started < 20
    assert_healthy(strict)


def test_a_draft_over_the_time_limit_gets_504_and_its_worker_is_replaced(strict, tmp_path, work):
    line = "各区县要进一步加强监管，不断完善工作机制，全面提升安全水平，确保取得实效。\n"
    long = tmp_path / "长.txt"
    long.write_text("关于做好安全工作的通知\n各区县人民政府：\n" + line * 8000, encoding="utf-8")  # ~6 s to check
    r = post(strict, "api/v1/check", long, headers=auth())
    assert r.status_code == 504 and r.json()["detail"].startswith("检查超时：1 秒内")
    assert strict.alive()
    r = post(strict, "api/v1/check", work / "草稿.txt", headers=auth())  # waits for the new worker
    assert r.status_code == 200, r.text
    assert r.json() == cli_json(work, "草稿.txt", "--index", str(work / "参考.sqlite"))


@pytest.mark.parametrize("data, expected", [
    ({"select": "GW999"}, "select 中的规则“GW999”不存在"),
    ({"ignore": "nonsense-rule"}, "ignore 中的规则“nonsense-rule”不存在"),
    ({"index": "/etc/passwd"}, "没有名为“/etc/passwd”的参考索引"),
])
def test_invalid_options_get_422_in_chinese(server, work, data, expected):
    r = post(server, "api/v1/check", work / EXAMPLE.name, data=data)
    assert r.status_code == 422 and r.json()["detail"].startswith(expected)


def test_framework_errors_are_chinese_too(server):
    r = httpx.post(server.url + "api/v1/check", data={"select": "GW1"})
    assert r.status_code == 422 and r.json()["detail"].startswith("请求中没有上传的草稿")
    r = httpx.get(server.url + "api/v1/nothing")
    assert r.status_code == 404 and r.json()["detail"].startswith("没有这个地址")
    r = httpx.get(server.url + "api/v1/check")
    assert r.status_code == 405 and "不支持" in r.json()["detail"]
    r = httpx.post(server.url + "api/v1/check", content=b"garbage", headers={"content-type": "multipart/form-data; boundary=zz"})
    assert r.status_code in (400, 422) and all(ord(c) > 127 for c in r.json()["detail"][:2])


# -- paths and files ------------------------------------------------------------------------------


def test_the_client_file_name_is_only_shown(server, work, uploads_dir):
    for name in ("../../../../tmp/evil.docx", "..\\..\\evil.docx", "/etc/cron.d/x.docx", "a\x00b\n.docx"):
        r = post(server, "api/v1/check", work / EXAMPLE.name, name=name)
        assert r.status_code == 200, r.text
        shown = r.json()["files"][0]["path"]
        assert "/" not in shown and "\\" not in shown and "\x00" not in shown and "\n" not in shown
    assert not Path("/tmp/evil.docx").exists() and not (work.parent / "evil.docx").exists()
    assert not Path("/etc/cron.d/x.docx").exists()


def test_uploads_are_deleted_after_the_response(server, work, uploads_dir):
    for endpoint, name in (("check", EXAMPLE.name), ("review", EXAMPLE.name), ("annotate", EXAMPLE.name),
                           ("fix", "草稿.txt"), ("check", "断了.docx")):
        post(server, f"api/v1/{endpoint}", work / name)
    assert list(uploads_dir.iterdir()) == []


# -- load and auth ----------------------------------------------------------------------------------


def test_twenty_concurrent_uploads_all_succeed(server, work):
    expected = cli_json(work, EXAMPLE.name)
    data = (work / EXAMPLE.name).read_bytes()

    async def burst() -> list:
        async with httpx.AsyncClient(base_url=server.url, timeout=120) as client:
            return await asyncio.gather(*(
                client.post("api/v1/check", files={"file": (EXAMPLE.name, data)}) for _ in range(20)))

    answers = asyncio.run(burst())
    assert [r.status_code for r in answers] == [200] * 20
    assert all(r.json() == expected for r in answers)
    assert_healthy(server)


def test_token_guards_the_api_but_not_the_health_check(strict, work):
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic " + TOKEN}):
        r = post(strict, "api/v1/check", work / "草稿.txt", headers=headers)
        assert r.status_code == 401 and r.headers["www-authenticate"] == "Bearer"
        assert r.json()["detail"].startswith("需要正确的访问令牌")
    assert httpx.get(strict.url + "api/v1/rules").status_code == 401
    assert httpx.get(strict.url + "api/v1/rules", headers=auth()).status_code == 200
    assert_healthy(strict)


# -- docs -------------------------------------------------------------------------------------------


def test_openapi_and_offline_docs(server):
    spec = httpx.get(server.url + "openapi.json").json()
    assert {"/api/v1/check", "/api/v1/review", "/api/v1/annotate", "/api/v1/fix", "/api/v1/rules", "/healthz"} <= set(spec["paths"])
    assert "multipart/form-data" in spec["paths"]["/api/v1/check"]["post"]["requestBody"]["content"]
    html = httpx.get(server.url + "docs").text
    assert "cdn." not in html and "https://" not in html
    for asset in ("docs-static/swagger-ui-bundle.js", "docs-static/swagger-ui.css", "static/app.js", "static/app.css"):
        r = httpx.get(server.url + asset)
        assert r.status_code == 200 and len(r.content) > 1000, asset
    assert httpx.get(server.url + "static/../../pyproject.toml").status_code == 404
    assert httpx.get(server.url + "static/index.html").status_code == 404


def test_the_page_and_its_assets_are_local_and_chinese(server):
    r = httpx.get(server.url)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert '<html lang="zh-CN">' in r.text and "公文草稿检查" in r.text
    assert "default-src 'self'" in r.headers["content-security-policy"]
    for text in (r.text, httpx.get(server.url + "static/app.js").text, httpx.get(server.url + "static/app.css").text):
        assert "http://" not in text and "https://" not in text and "//cdn" not in text


"""The media guard's reading of a request's XSRF cookie (the browser binding)."""



from tracker.ui import st_internals


def scope(cookie: str | None) -> dict:
    headers = [(b"cookie", cookie.encode("latin-1"))] if cookie else []
    return {"type": "http", "headers": headers}


def test_the_token_survives_remasking():
    token = b"0123456789abcdef"
    first = st_internals.make_xsrf_cookie(token, 1_700_000_000)
    second = st_internals.make_xsrf_cookie(token, 1_700_000_000)
    assert first != second  # masked anew on every page load
    for cookie in (first, second):
        assert st_internals._request_token(scope(f"a=b; _streamlit_xsrf={cookie}")) == token


def test_no_or_bad_cookie_gives_no_token():
    assert st_internals._request_token(scope(None)) is None
    assert st_internals._request_token(scope("a=b")) is None
    assert st_internals._request_token(scope("_streamlit_xsrf=2|zz|zz|1")) is None


def test_protected_ids_are_bound_to_their_browsers():
    st_internals._protect("abc123", {b"t1"})
    st_internals._protect("abc123", {b"t2"})
    assert st_internals.is_protected("abc123")
    assert st_internals._PROTECTED["abc123"] == {b"t1", b"t2"}

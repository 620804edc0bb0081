"""Fixtures shared by the package and page tests."""
import pytest
from sample_data import MINI, write_dataset


@pytest.fixture(autouse=True)
def fresh_caches():
    """Every test starts with Streamlit's caches empty: a cached table of one test's dataset never serves another."""
    import streamlit as st
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.fixture
def mini_tables():
    return {name: [dict(r) for r in rows] for name, rows in MINI.items()}


@pytest.fixture
def mini_dir(tmp_path, mini_tables):
    return write_dataset(tmp_path / "mini", mini_tables)


@pytest.fixture
def mini(mini_dir):
    from alliances.dataset import load
    return load(mini_dir)

from alliances.dataset import from_raw, raw_from_upload
from alliances.schema import TABLES
from alliances.template import dictionary, template_workbook


def test_template_is_a_valid_dataset_with_every_table():
    ds = from_raw(raw_from_upload("template.xlsx", template_workbook()), "template.xlsx")
    for name in TABLES:
        assert len(ds.table(name)) >= 1, name


def test_dictionary_lists_every_column():
    assert len(dictionary()) == sum(len(t.columns) for t in TABLES.values())

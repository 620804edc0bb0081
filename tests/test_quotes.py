from alliances.quotes import citation, filter_quotes, fold, quotes_table


def test_fold_ignores_case_and_accents():
    assert fold("Erdoğan") == "erdogan"
    assert fold("ÇAVUŞOĞLU") == "cavusoglu"


def test_search_finds_accented_speaker(mini):
    table = quotes_table(mini)
    assert filter_quotes(table, search="erdogan")["id"].tolist() == ["erdogan-2018-01-20"]
    assert filter_quotes(table, search="BREAKTHROUGH")["id"].tolist() == ["peskov-2018-01-29"]
    assert filter_quotes(table, search="nothing like this").empty


def test_filters_combine(mini):
    table = quotes_table(mini)
    assert filter_quotes(table, verbatim_only=True)["id"].tolist() == ["erdogan-2018-01-20"]
    assert filter_quotes(table, start="2018-01-25")["id"].tolist() == ["peskov-2018-01-29"]
    assert filter_quotes(table, speakers=["peskov"], end="2018-01-25").empty


def test_newest_first_with_names(mini):
    table = quotes_table(mini)
    assert table["id"].tolist() == ["peskov-2018-01-29", "erdogan-2018-01-20"]
    assert table.loc[0, "on_behalf_name"] == "Russia"


def test_citation(mini):
    quote = quotes_table(mini).iloc[0]
    assert citation(quote, mini) == "Dmitry Peskov, Kremlin spokesman, 29 Jan 2018, to reporters — Agency A"

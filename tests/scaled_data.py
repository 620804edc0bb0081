"""A larger dataset for the network's cap on shown actors: the mini dataset plus many linked copies of its groups."""
from __future__ import annotations


def scaled_tables(tables: dict[str, list[dict]], extra_actors: int) -> dict[str, list[dict]]:
    """`tables` plus `extra_actors` armed groups, each supported by the United States since 2012 and
    the first ten of them also allied to one another (so that the most connected are known)."""
    actors = [{"id": f"group-{i}", "name": f"Group {i}", "kind": "armed_group", "bloc": "Syrian opposition"}
              for i in range(extra_actors)]
    ties = [{"source": "usa", "target": a["id"], "type": "support", "intensity": "1", "start": "2012-01-01",
             "source_id": "src-a"} for a in actors]
    ties += [{"source": f"group-{i}", "target": f"group-{j}", "type": "alliance", "intensity": "3", "start": "2012-01-01",
              "source_id": "src-b"} for i in range(10) for j in range(i + 1, 10)]
    return {**tables, "actors": tables["actors"] + actors, "relations": tables["relations"] + ties}

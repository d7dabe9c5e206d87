"""The search box over 100,000 documents in PostgreSQL: its p95 at 8 concurrent searchers, beside a plain ILIKE scan.

A fresh database gets the documents service's schema from its own migrations (unaccent, btree_gin, the trigger
and the GIN index), then ``--documents`` documents spread over ``--units`` units: a row in ``documents`` and its
search entry (STTNB, title and 1-2 KB of text as if extracted from its file, prepared by
``eiso_documents.search.prepare`` exactly as the service writes it). Then ``--searchers`` threads each run
``--queries`` searches typed without accents, in random units, drawn from 100 precise ones ("ke hoach bao cao tai
chinh nam 2024", in about 1 document of 130) and 40 broad ones ("quy trinh kiem soat tai lieu", about 1 in 13), through ``eiso_documents.search.query.search`` (the service's own SQL); then the same
threads run the same queries as a plain ``title ILIKE '%q%' OR text ILIKE '%q%'`` scan of the unit (accents
and all: it also finds less). Both are measured in this run, on this machine, and written to
``bench/results/search-*.json``.

``python -m bench search [--documents 100000] [--units 10] [--searchers 8] [--queries 150]``
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import threading
import time
import unicodedata
import uuid
from datetime import datetime, timezone
from pathlib import Path

from psycopg2.extras import execute_values
from sqlalchemy import text
from sqlalchemy.orm import Session

from bench.stats import percentile, summary
from eiso_documents.models import MIGRATIONS
from eiso_documents.search.prepare import indexed_text, terms, with_pairs
from eiso_documents.search.query import ILIKE, search
from eiso_kit.db.engine import make_engine
from eiso_kit.db.migrate import upgrade
from eiso_kit.testing import servers

RESULTS = Path(__file__).resolve().parent / "results"
TARGET_P95_MS = 50.0

# What documents of a Vietnamese state agency are about: each document has a few of these topics (in its title and
# in its text) among filler words; a search types one of them without accents.
TOPICS = ("quy trình kiểm soát tài liệu", "kế hoạch báo cáo tài chính", "đường giao thông nông thôn",
          "lựa chọn nhà thầu", "nghiệm thu đề tài", "dịch vụ công trực tuyến", "đánh giá nội bộ",
          "an toàn thông tin mạng", "thi đua khen thưởng", "sở hữu trí tuệ", "tiêu chuẩn đo lường chất lượng",
          "an toàn bức xạ", "đào tạo bồi dưỡng cán bộ", "khiếu nại tố cáo", "cải cách hành chính",
          "chuyển đổi số", "đổi mới sáng tạo", "khởi nghiệp doanh nghiệp", "quyết toán ngân sách", "mua sắm tài sản",
          "thanh lý hợp đồng", "tạm ứng kinh phí", "xem xét lãnh đạo", "cải tiến liên tục", "rủi ro cơ hội",
          "bối cảnh tổ chức", "mục tiêu chất lượng", "chính sách chất lượng", "tiếp công dân", "giám sát đầu tư",
          "ứng dụng tiến bộ kỹ thuật", "năng lượng nguyên tử", "thẩm định công nghệ", "đăng ký kết quả nhiệm vụ",
          "hội đồng tư vấn", "bảo quản mẫu vật", "phòng thí nghiệm", "trang thiết bị", "lưu trữ hồ sơ điện tử",
          "thông tin thống kê")
SYLLABLES = ("an bá bảo bình cao chí công cường dân đại đạo địa điện định đồng đức gia giang hà hải hạnh hòa "
             "hoàng hợp hưng khánh khoa kinh lâm lập lợi long lực minh mỹ nam nghĩa ngọc nhân phát phong phú "
             "phúc quang quốc sinh sơn tài tâm tân thái thanh thành thịnh thuận tiến toàn trí trung trường tuấn "
             "văn việt vinh vũ xuân yên bộ chi cục đoàn hội kho mẫu ngành nhóm phòng sở tổ trạm vụ").split()
TYPES = ("quy_che", "quy_trinh", "huong_dan", "bieu_mau", "ben_ngoai")


def plain(text: str) -> str:
    """As people type without accents: "quy trinh kiem soat tai lieu"."""
    folded = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in folded if not unicodedata.combining(ch)).lower()


# A topic of one document is more precise: "kế hoạch báo cáo tài chính năm 2024". 40 topics x 10 qualifiers: each
# precise topic is in about 1 in 130 documents, each broad one in about 1 in 13.
QUALIFIERS = ("năm 2023", "năm 2024", "năm 2025", "cấp tỉnh", "cấp huyện", "giai đoạn 2021 2025", "đợt một",
              "đợt hai", "quý ba", "sửa đổi bổ sung")
PRECISE = tuple(f"{topic} {qualifier}" for topic in TOPICS for qualifier in QUALIFIERS)
# What people type (without accents): 100 precise searches and 40 broad ones.
QUERIES = tuple(plain(topic) for topic in PRECISE[::4]) + tuple(plain(topic) for topic in TOPICS)


def document_rows(count: int, units: list[str], seed: int = 7):
    """(documents row, search entry row) for ``count`` documents, reproducibly."""
    rng = random.Random(seed)
    vocabulary = [f"{a} {b}" for a in SYLLABLES for b in SYLLABLES if a != b]
    now = datetime.now(timezone.utc)
    for index in range(count):
        unit = units[index % len(units)]
        number = f"{index % 999 + 1:02d}/TTNB-{rng.choice(('To', 'VP', 'KH', 'TT'))}{index // 999}"
        topics = rng.sample(PRECISE, 3)
        title = f"{topics[0].capitalize()} {' '.join(rng.sample(vocabulary, 2))}"
        words = rng.sample(vocabulary, rng.randint(90, 180)) + topics * 2
        rng.shuffle(words)
        body = " ".join(words)
        document_id = uuid.uuid4().hex
        yield ((document_id, unit, number, title, rng.choice(TYPES), "d-vp", 1, 1, "bench", now),
               ("document", document_id, unit, number, title, "Đã duyệt", indexed_text(number, title, [body]),
                f"{with_pairs(number)} {with_pairs(title)}", now))


def fill(engine, count: int, units: list[str], batch: int = 2000) -> float:
    """Insert the documents and their search entries (the trigger computes each tsvector); seconds taken."""
    started = time.perf_counter()
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        rows = document_rows(count, units)
        done = 0
        while done < count:
            chunk = [next(rows) for _ in range(min(batch, count - done))]
            execute_values(cursor, "INSERT INTO documents (id, unit_code, internal_number, title, doc_type, "
                                   "department_id, latest_version, in_force_version, created_by, created_at) VALUES %s",
                           [d for d, _ in chunk])
            execute_values(cursor, "INSERT INTO search_entries (kind, ref_id, unit_code, number, title, state_label, "
                                   "text, heading, updated_at) VALUES %s", [s for _, s in chunk])
            raw.commit()
            done += len(chunk)
            print(f"\r  {done:,} documents", end="", flush=True)
        raw.commit()
        raw.set_session(autocommit=True)  # what autovacuum does after a bulk load: statistics, visibility map
        cursor.execute("VACUUM ANALYZE documents")
        cursor.execute("VACUUM ANALYZE search_entries")
    finally:
        raw.close()
    print()
    return time.perf_counter() - started


def run(engine, searchers: int, queries: int, units: list[str], how: str) -> tuple[list[float], list[int], float]:
    """``searchers`` threads x ``queries`` searches; (latencies in s, result counts, elapsed s)."""
    latencies: list[float] = []
    found: list[int] = []
    lock = threading.Lock()
    start = threading.Barrier(searchers + 1)

    def searcher(seed: int) -> None:
        rng = random.Random(seed)
        mine, counts = [], []
        with Session(engine) as session:
            session.execute(text("SELECT 1"))
            start.wait()
            for _ in range(queries):
                unit, query = rng.choice(units), rng.choice(QUERIES)
                began = time.perf_counter()
                if how == "fts":
                    rows, total = search(session, unit, query, 20, 0)
                else:
                    rows = session.execute(text(ILIKE), {"unit": unit, "pattern": f"%{query}%", "limit": 20}).all()
                    total = len(rows)
                mine.append(time.perf_counter() - began)
                counts.append(total)
                session.rollback()
        with lock:
            latencies.extend(mine)
            found.extend(counts)

    threads = [threading.Thread(target=searcher, args=(seed,)) for seed in range(searchers)]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join()
    return latencies, found, time.perf_counter() - began


def plan(engine, unit: str) -> str:
    """How PostgreSQL answers a broad search (its pairs of words, as ``search`` sends them)."""
    with engine.connect() as conn:
        rows = conn.execute(text("EXPLAIN (ANALYZE, BUFFERS) SELECT e.id FROM search_entries e, "
                                 "plainto_tsquery('simple', unaccent(:q)) AS query "
                                 "WHERE e.unit_code = :unit AND e.search_vector @@ query"),
                            {"q": " ".join(terms(QUERIES[-1]).pairs), "unit": unit}).scalars().all()
    return "\n".join(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--searchers", type=int, default=8)
    parser.add_argument("--queries", type=int, default=150, help="searches per searcher (each way)")
    parser.add_argument("--baseline-queries", type=int, default=None,
                        help="ILIKE searches per searcher (default: as many as --queries)")
    parser.add_argument("--keep", action="store_true", help="keep the database (its URL is printed) to look into")
    args = parser.parse_args(argv)
    reason = servers.pg_available()
    if reason:
        print(reason, file=sys.stderr)
        return 2
    url = servers.create_database()
    engine = make_engine(url, pool_size=args.searchers, max_overflow=0)
    try:
        upgrade(engine, MIGRATIONS, lock_name="bench-search")
        units = [f"UNIT{n:02d}" for n in range(args.units)]
        print(f"filling {args.documents:,} documents over {args.units} units ...", flush=True)
        fill_seconds = fill(engine, args.documents, units)
        print(plan(engine, units[0]))
        run(engine, args.searchers, 10, units, "fts")  # warm the pool and the cache the same way for both
        print(f"{args.searchers} searchers x {args.queries} searches, full-text ...", flush=True)
        fts, fts_found, fts_elapsed = run(engine, args.searchers, args.queries, units, "fts")
        print(f"... and as a plain ILIKE scan ...", flush=True)
        ilike, ilike_found, ilike_elapsed = run(engine, args.searchers, args.baseline_queries or args.queries, units,
                                                "ilike")
        with engine.connect() as conn:
            size = conn.execute(text("SELECT pg_size_pretty(pg_total_relation_size('search_entries'))")).scalar()
    finally:
        engine.dispose()
        if args.keep:
            print(f"kept {url}")
        else:
            servers.drop_database(url)
    report = {
        "documents": args.documents, "units": args.units, "searchers": args.searchers,
        "fill_seconds": round(fill_seconds, 1), "search_entries_size": size,
        "fts": {**summary(fts, fts_elapsed), "p95_ms": round(percentile(fts, 95) * 1000, 2),
                "mean_hits": round(sum(fts_found) / len(fts_found), 1)},
        "ilike": {**summary(ilike, ilike_elapsed), "p95_ms": round(percentile(ilike, 95) * 1000, 2),
                  "mean_hits": round(sum(ilike_found) / len(ilike_found), 1)},
        "target_p95_ms": TARGET_P95_MS,
    }
    report["fts"]["meets_target"] = report["fts"]["p95_ms"] <= TARGET_P95_MS
    report["ilike_over_fts_p95"] = round(report["ilike"]["p95_ms"] / report["fts"]["p95_ms"], 1)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"search-{datetime.now():%Y%m%d-%H%M%S}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    print(json.dumps(report, indent=2, ensure_ascii=False))
    print(f"written to {path}")
    return 0

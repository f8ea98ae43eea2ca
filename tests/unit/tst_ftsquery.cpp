#include "store/ftsquery.h"
#include "testdata.h"

#include <QTest>

using namespace aime;

class TestFtsQuery : public QObject
{
    Q_OBJECT

private slots:
    void expression_data();
    void expression();
    void hostileTextNeverFails_data();
    void hostileTextNeverFails();
};

void TestFtsQuery::expression_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("one word") << "blue"
                              << "\"blue\"*";
    QTest::newRow("two words") << "kind blue"
                               << "\"kind\"* \"blue\"*";
    QTest::newRow("quotes dropped") << "\"kind of\""
                                    << "\"kind\"* \"of\"*";
    // Lower case, so FTS5 cannot read OR, NOT or NEAR as operators either way.
    QTest::newRow("operators are words") << "blue OR NOT green"
                                         << "\"blue\"* \"or\"* \"not\"* \"green\"*";
    QTest::newRow("column filter") << "title:blue"
                                   << "\"title\"* \"blue\"*";
    QTest::newRow("only punctuation") << "*(){}^:\""
                                      << "";
    QTest::newRow("accents kept") << "Björk"
                                  << "\"björk\"*";
    // As the index spells them (SqlDialect), and as PostgreSQL's unaccent() does.
    QTest::newRow("letters spelled out") << "Straße ÆTHER Øresund"
                                         << "\"strasse\"* \"aether\"* \"oresund\"*";
    QTest::newRow("empty") << ""
                           << "";
}

void TestFtsQuery::expression()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(FtsQuery::fromUserText(text), expected);
}

void TestFtsQuery::hostileTextNeverFails_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("expectedMatches");
    QTest::newRow("unbalanced quote") << "\"blue" << 2;
    QTest::newRow("unbalanced paren") << "(blue" << 2;
    QTest::newRow("star alone") << "*" << 3;
    QTest::newRow("caret") << "^blue" << 2;
    QTest::newRow("NEAR") << "NEAR(blue night)" << 0;
    QTest::newRow("column filter") << "artist:blue" << 0;
    QTest::newRow("minus") << "-blue" << 2;
    QTest::newRow("sql quote") << "blue'; DROP TABLE albums; --" << 0;
    QTest::newRow("AND prefix") << "AND blue" << 0;
    QTest::newRow("prefix match") << "ele" << 1;
    QTest::newRow("two words anded") << "blue river" << 1;
    QTest::newRow("diacritics folded") << "naive" << 1;
}

void TestFtsQuery::hostileTextNeverFails()
{
    QFETCH(QString, text);
    QFETCH(int, expectedMatches);
    auto temporary = testing::openTemporaryStore();
    QVERIFY(temporary);
    QList<Album> albums {testing::discogsAlbum(QStringLiteral("Blue Band"), QStringLiteral("River"),
                                               2001, QStringLiteral("1")),
                         testing::discogsAlbum(QStringLiteral("Electric Blue"),
                                               QStringLiteral("Naïve"), 2002, QStringLiteral("2")),
                         testing::discogsAlbum(QStringLiteral("Other"), QStringLiteral("Night"),
                                               2003, QStringLiteral("3"))};
    QVERIFY(temporary->store->upsertPage(albums).ok());
    const int count = temporary->store->count(AlbumQuery {text, AlbumSort::Artist});
    QCOMPARE(count, expectedMatches);
    const SummaryPage page
        = temporary->store->summaries(AlbumQuery {text, AlbumSort::Title}, {}, 10);
    QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
    QCOMPARE(page.rows.size(), expectedMatches);
}

QTEST_GUILESS_MAIN(TestFtsQuery)
#include "tst_ftsquery.moc"

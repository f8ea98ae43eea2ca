#include "import/discogscsvreader.h"
#include "store/albumstore.h"
#include "testdata.h"

#include <QFile>
#include <QTest>

using namespace aime;

// The same collection in a store on each backend answers every question the same (issue 17).
class TestStoreBackends : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void filterFindsTheSameAlbums_data();
    void filterFindsTheSameAlbums();
    void sortedPagesAreTheSame_data();
    void sortedPagesAreTheSame();

private:
    static QList<qint64> ids(const SummaryPage &page);

    std::unique_ptr<testing::TemporaryStore> m_sqlite;
    std::unique_ptr<testing::TemporaryStore> m_postgres;
};

void TestStoreBackends::initTestCase()
{
    // The sample collection, generated albums, and names with accents, ligatures, other scripts
    // and punctuation.
    QList<Album> albums = testing::generatedAlbums(200);
    QFile file(qEnvironmentVariable("AIME_SAMPLE_CSV"));
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
    DiscogsCsvReader reader(&file);
    QVERIFY(reader.readHeader());
    QList<DiscogsCsvRow> rows;
    QList<CsvRowError> errors;
    while (reader.readBatch(500, &rows, &errors)) { }
    QVERIFY(rows.size() > 100);
    for (const DiscogsCsvRow &row : std::as_const(rows))
        albums.append(row.album);
    const std::pair<const char *, const char *> names[] = {
        {"Björk", "Homogenic"},         {"Sigur Rós", "Ágætis byrjun"},
        {"Motörhead", "Ace of Spades"}, {"AC/DC", "Back in Black"},
        {"Æther Realm", "Tarot"},       {"Café Tacvba", "Re"},
        {"Die Ärzte", "Straße"},        {"坂本龍一", "戦場のメリークリスマス"},
        {"O'Jays", "Ship Ahoy"},        {"Rock & Roll Band", "Rock and Roll"},
    };
    int id = 900000;
    for (const auto &[artist, title] : names) {
        Album album = testing::discogsAlbum(QString::fromUtf8(artist), QString::fromUtf8(title),
                                            2000, QString::number(++id));
        album.tracks = {{1, 1, QStringLiteral("Überall"), 200000},
                        {1, 2, QStringLiteral("Hyperballad"), 300000}};
        albums.append(album);
    }
    m_sqlite = testing::openTemporaryStore(testing::TestBackend::Sqlite);
    QVERIFY(m_sqlite);
    m_postgres = testing::openTemporaryStore(testing::TestBackend::PostgreSql);
    if (!m_postgres)
        return; // failed, or skipped where no server is given and none is required
    const UpsertResult onSqlite = m_sqlite->store->upsertPage(albums);
    QVERIFY2(onSqlite.ok(), qPrintable(onSqlite.error));
    const UpsertResult onPostgres = m_postgres->store->upsertPage(albums);
    QVERIFY2(onPostgres.ok(), qPrintable(onPostgres.error));
    QCOMPARE(onPostgres.albumIds, onSqlite.albumIds);
    QVERIFY(m_sqlite->store->count({}) > 300);
}

void TestStoreBackends::cleanupTestCase()
{
    m_sqlite.reset();
    m_postgres.reset();
}

QList<qint64> TestStoreBackends::ids(const SummaryPage &page)
{
    QList<qint64> found;
    for (const AlbumSummary &summary : page.rows)
        found.append(summary.id);
    return found;
}

void TestStoreBackends::filterFindsTheSameAlbums_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("findsSome");
    const std::pair<const char *, bool> queries[] = {
        {"the", true},          {"blue", true},       {"miles davis", true}, {"bjork", true},
        {"Björk", true},        {"sigur ros", true},  {"motorhead", true},   {"ac/dc", true},
        {"AC DC", true},        {"a", true},          {"rock jazz", false},  {"\"quoted", false},
        {"title:x", false},     {"NEAR(a b)", false}, {"a*", true},          {"(", false},
        {"' OR 1=1 --", false}, {"%", false},         {"_", false},          {"\\", false},
        {"x:*", true},          {"&", false},         {"!rock", true},       {"rock & roll", true},
        {"café", true},         {"CAFE", true},       {"ÆTHER", true},       {"ärzte", true},
        {"日本", false},        {"   ", false},       {"-", false},          {"kind of", true},
        {"o'", true},           {"label 1", true},    {"ueberall", false},   {"überall", true},
        {"hyperb", true},       {"2000", false},
    };
    for (const auto &[query, findsSome] : queries)
        QTest::newRow(query) << QString::fromUtf8(query) << findsSome;
}

void TestStoreBackends::filterFindsTheSameAlbums()
{
    QFETCH(QString, text);
    QFETCH(bool, findsSome);
    QList<qint64> onSqlite = ids(m_sqlite->store->summaries({text}, {}, 5000));
    QList<qint64> onPostgres = ids(m_postgres->store->summaries({text}, {}, 5000));
    std::sort(onSqlite.begin(), onSqlite.end());
    std::sort(onPostgres.begin(), onPostgres.end());
    QCOMPARE(onPostgres, onSqlite);
    QCOMPARE(m_postgres->store->count({text}), m_sqlite->store->count({text}));
    // A text that filters nothing shows everything; one that filters finds some or none.
    const int all = m_sqlite->store->count({});
    QCOMPARE(!onSqlite.isEmpty() && onSqlite.size() < all, findsSome);
}

void TestStoreBackends::sortedPagesAreTheSame_data()
{
    QTest::addColumn<int>("sort");
    QTest::newRow("artist") << int(AlbumSort::Artist);
    QTest::newRow("title") << int(AlbumSort::Title);
    QTest::newRow("year") << int(AlbumSort::Year);
    QTest::newRow("date added") << int(AlbumSort::DateAdded);
}

void TestStoreBackends::sortedPagesAreTheSame()
{
    QFETCH(int, sort);
    AlbumQuery query;
    query.sort = AlbumSort(sort);
    // Keyset pages of 37 through the whole collection, and a jump into the middle.
    QList<qint64> onSqlite;
    QList<qint64> onPostgres;
    for (auto [store, out] : {std::pair {m_sqlite->store.get(), &onSqlite},
                              std::pair {m_postgres->store.get(), &onPostgres}}) {
        PageCursor cursor;
        for (;;) {
            const SummaryPage page = store->summaries(query, cursor, 37);
            QVERIFY2(page.error.isEmpty(), qPrintable(page.error));
            out->append(ids(page));
            if (page.atEnd)
                break;
            cursor = page.next;
        }
    }
    QCOMPARE(onPostgres, onSqlite);
    QCOMPARE(ids(m_postgres->store->summariesAt(query, 150, 20)),
             ids(m_sqlite->store->summariesAt(query, 150, 20)));
    const qint64 middle = onSqlite.at(onSqlite.size() / 2);
    QCOMPARE(m_postgres->store->rowOf(query, middle), m_sqlite->store->rowOf(query, middle));
}

QTEST_GUILESS_MAIN(TestStoreBackends)
#include "tst_storebackends.moc"

#include "testdata.h"

#include "core/datalocation.h"
#include "store/databaseurl.h"

#include <QTest>

namespace aime::testing {

Album discogsAlbum(const QString &artist, const QString &title, int year, const QString &releaseId,
                   const QString &barcode)
{
    Album album;
    album.artist = artist;
    album.title = title;
    album.year = year;
    album.barcode = barcode;
    SourceRef source;
    source.provider = QStringLiteral("discogs");
    source.externalId = releaseId;
    source.url = QStringLiteral("https://www.discogs.com/release/") + releaseId;
    source.barcode = barcode;
    album.sources.append(source);
    return album;
}

QList<Album> generatedAlbums(int count, int firstIndex)
{
    static const QStringList words {QStringLiteral("blue"),   QStringLiteral("night"),
                                    QStringLiteral("river"),  QStringLiteral("electric"),
                                    QStringLiteral("garden"), QStringLiteral("silver"),
                                    QStringLiteral("summer"), QStringLiteral("machine")};
    static const QStringList genres {QStringLiteral("Rock"), QStringLiteral("Jazz"),
                                     QStringLiteral("Electronic"), QStringLiteral("Folk")};
    QList<Album> albums;
    albums.reserve(count);
    for (int i = firstIndex; i < firstIndex + count; ++i) {
        Album album = discogsAlbum(
            QStringLiteral("Artist %1 %2")
                .arg(words.at(i % words.size()))
                .arg(i, 6, 10, QLatin1Char('0')),
            QStringLiteral("%1 %2 Title %3")
                .arg(words.at((i / 8) % words.size()), words.at((i / 64) % words.size()))
                .arg(i, 6, 10, QLatin1Char('0')),
            1950 + i % 75, QString::number(1000000 + i));
        album.label = QStringLiteral("Label %1").arg(i % 500);
        album.format = i % 3 == 0 ? QStringLiteral("LP, Album") : QStringLiteral("CD, Album");
        album.genres = {genres.at(i % genres.size())};
        albums.append(album);
    }
    return albums;
}

void addBackendRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

TestBackend currentBackend()
{
    QFETCH_GLOBAL(QString, backend);
    return backend == QLatin1String("postgresql") ? TestBackend::PostgreSql : TestBackend::Sqlite;
}

std::optional<StoreConfig> freshStoreConfig(TestBackend backend, const QString &dir,
                                            std::unique_ptr<PostgresTestDatabase> *database)
{
    if (backend == TestBackend::Sqlite)
        return DataLocation::sqliteStore(dir);
    *database = std::make_unique<PostgresTestDatabase>();
    if (!(*database)->skipOrFailUnlessAvailable())
        return std::nullopt;
    QString error;
    std::optional<StoreConfig> config = DatabaseUrl::parse((*database)->url(), &error);
    if (!config)
        QTest::qFail(qPrintable(error), __FILE__, __LINE__);
    return config;
}

std::unique_ptr<TemporaryStore> openTemporaryStore(TestBackend backend)
{
    auto temporary = std::make_unique<TemporaryStore>();
    const std::optional<StoreConfig> config
        = freshStoreConfig(backend, temporary->dir.path(), &temporary->postgres);
    if (!config)
        return nullptr;
    temporary->store = std::make_unique<AlbumStore>(*config);
    const StoreStatus status = temporary->store->open();
    if (!status.ok()) {
        QTest::qFail(qPrintable(status.message), __FILE__, __LINE__);
        return nullptr;
    }
    return temporary;
}

qreal scaleFactor()
{
    return qEnvironmentVariableIsSet("QT_SCALE_FACTOR")
        ? qEnvironmentVariable("QT_SCALE_FACTOR").toDouble()
        : 1.0;
}

} // namespace aime::testing

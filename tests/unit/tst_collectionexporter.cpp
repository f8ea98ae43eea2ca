#include "export/collectionexporter.h"
#include "import/discogscsvimport.h"
#include "testdata.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace aime;

namespace {

QString samplePath()
{
    return qEnvironmentVariable("AIME_SAMPLE_CSV");
}

QJsonArray exportedJson(AlbumStore *store, const QString &path)
{
    const ExportReport report = CollectionExporter::exportTo(store, path, ExportFormat::Json);
    if (!report.ok())
        return {};
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).array();
}

// The same collection compared without its store-given identity.
QList<QJsonObject> comparable(const QJsonArray &albums)
{
    QList<QJsonObject> objects;
    for (const QJsonValue &value : albums) {
        QJsonObject object = value.toObject();
        object.remove(QStringLiteral("id"));
        objects.append(object);
    }
    std::sort(objects.begin(), objects.end(), [](const QJsonObject &a, const QJsonObject &b) {
        return QJsonDocument(a).toJson() < QJsonDocument(b).toJson();
    });
    return objects;
}

} // namespace

class TestCollectionExporter : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase_data();
    void jsonHasTheDocumentedShape();
    void csvRoundTripLosesNothing();
    void unwritableTargetFailsCleanly();
    void formatNames_data();
    void formatNames();
};

void TestCollectionExporter::initTestCase_data()
{
    testing::addBackendRows();
}

void TestCollectionExporter::jsonHasTheDocumentedShape()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    Album album = testing::discogsAlbum(QStringLiteral("Can"), QStringLiteral("Tago Mago"), 1971,
                                        QStringLiteral("42"), QStringLiteral("5014438710822"));
    album.tracks = {{1, 1, QStringLiteral("Paperhouse"), 450000}};
    album.genres = {QStringLiteral("Rock"), QStringLiteral("Krautrock")};
    QVERIFY(temporary->store->upsertPage({album}).ok());

    const QJsonArray albums
        = exportedJson(temporary->store.get(), temporary->dir.filePath(QStringLiteral("out.json")));
    QCOMPARE(albums.size(), 1);
    const QJsonObject object = albums.first().toObject();
    for (const char *key :
         {"id", "title", "artist", "year", "label", "format", "barcode", "genres", "added_at",
          "tracks", "sources", "ai_description", "ai_model", "ai_generated_at", "ai_edited"})
        QVERIFY2(object.contains(QLatin1String(key)), key);
    QCOMPARE(object.value(QStringLiteral("year")).toInt(), 1971);
    QCOMPARE(object.value(QStringLiteral("genres")).toArray().size(), 2);
    const QJsonObject track = object.value(QStringLiteral("tracks")).toArray().first().toObject();
    QCOMPARE(track.value(QStringLiteral("title")).toString(), QStringLiteral("Paperhouse"));
    QCOMPARE(track.value(QStringLiteral("duration_ms")).toInteger(), 450000);
    const QJsonObject source = object.value(QStringLiteral("sources")).toArray().first().toObject();
    for (const char *key : {"provider", "external_id", "url", "format", "barcode"})
        QVERIFY2(source.contains(QLatin1String(key)), key);
    QCOMPARE(source.value(QStringLiteral("external_id")).toString(), QStringLiteral("42"));
}

void TestCollectionExporter::csvRoundTripLosesNothing()
{
    auto original = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(original);
    const CsvImportReport imported
        = DiscogsCsvImport::importFile(original->store.get(), samplePath());
    QVERIFY2(imported.fatalError.isEmpty(), qPrintable(imported.fatalError));
    QVERIFY(imported.added >= 300);
    QVERIFY(imported.broken.isEmpty());

    const QString csvPath = original->dir.filePath(QStringLiteral("export.csv"));
    const ExportReport exported
        = CollectionExporter::exportTo(original->store.get(), csvPath, ExportFormat::Csv);
    QVERIFY2(exported.ok(), qPrintable(exported.error));
    QCOMPARE(exported.albums, imported.added);

    auto copy = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(copy);
    const CsvImportReport reimported = DiscogsCsvImport::importFile(copy->store.get(), csvPath);
    QVERIFY(reimported.broken.isEmpty());
    QCOMPARE(reimported.goodRows(), exported.rows);

    const auto before = comparable(
        exportedJson(original->store.get(), original->dir.filePath(QStringLiteral("a.json"))));
    const auto after
        = comparable(exportedJson(copy->store.get(), copy->dir.filePath(QStringLiteral("b.json"))));
    QCOMPARE(after.size(), before.size());
    for (int i = 0; i < before.size(); ++i)
        QCOMPARE(after.at(i), before.at(i));
}

void TestCollectionExporter::unwritableTargetFailsCleanly()
{
    auto temporary = testing::openTemporaryStore(testing::currentBackend());
    QVERIFY(temporary);
    QVERIFY(temporary->store->upsertPage(testing::generatedAlbums(3)).ok());
    const QString path = temporary->dir.filePath(QStringLiteral("missing-folder/out.csv"));
    const ExportReport report
        = CollectionExporter::exportTo(temporary->store.get(), path, ExportFormat::Csv);
    QVERIFY(!report.ok());
    QVERIFY(report.error.contains(path));
    QVERIFY(!QFile::exists(path));

    // A full device: /dev/full accepts the open and refuses every write.
    if (QFile::exists(QStringLiteral("/dev/full"))) {
        QFile full(QStringLiteral("/dev/full"));
        QVERIFY(full.open(QIODevice::WriteOnly | QIODevice::Unbuffered));
        const ExportReport fullReport
            = CollectionExporter::write(temporary->store.get(), &full, ExportFormat::Json);
        QVERIFY(!fullReport.ok());
        QVERIFY(fullReport.error.contains(QStringLiteral("Cannot write")));
    }
}

void TestCollectionExporter::formatNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("expected");
    QTest::newRow("csv") << "csv" << int(ExportFormat::Csv);
    QTest::newRow("JSON") << "JSON" << int(ExportFormat::Json);
    QTest::newRow("xml") << "xml" << -1;
    QTest::newRow("empty") << "" << -1;
}

void TestCollectionExporter::formatNames()
{
    QFETCH(QString, name);
    QFETCH(int, expected);
    const auto format = CollectionExporter::formatFromName(name);
    QCOMPARE(format ? int(*format) : -1, expected);
}

QTEST_GUILESS_MAIN(TestCollectionExporter)
#include "tst_collectionexporter.moc"

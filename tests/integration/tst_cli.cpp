#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void importListExport();
    void brokenRowsGivePartialExit();
    void usageErrors_data();
    void usageErrors();
    void corruptDatabaseIsFatal();
    void twoImportsIntoOneCollectionAtOnce_data();
    void twoImportsIntoOneCollectionAtOnce();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, const QString &dataDir);
    QString writeFile(const QString &name, const QByteArray &contents);

    QString m_cli;
    QTemporaryDir m_dir;
};

void TestCli::initTestCase()
{
    m_cli = qEnvironmentVariable("AIME_CLI");
    QVERIFY2(QFile::exists(m_cli), "AIME_CLI must name the built aime-cli");
    QVERIFY(m_dir.isValid());
}

TestCli::Result TestCli::run(const QStringList &arguments, const QString &dataDir)
{
    QProcess process;
    process.start(m_cli, QStringList {QStringLiteral("--data-dir"), dataDir} + arguments);
    Result result;
    if (!process.waitForFinished(120000))
        return result;
    result.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    return result;
}

QString TestCli::writeFile(const QString &name, const QByteArray &contents)
{
    const QString path = m_dir.filePath(name);
    QFile file(path);
    if (file.open(QIODevice::WriteOnly))
        file.write(contents);
    return path;
}

void TestCli::importListExport()
{
    const QString data = m_dir.filePath(QStringLiteral("main"));
    const QString sample = qEnvironmentVariable("AIME_SAMPLE_CSV");
    Result imported = run({QStringLiteral("import"), QStringLiteral("--source"),
                           QStringLiteral("discogs-csv"), QStringLiteral("--file"), sample},
                          data);
    QCOMPARE(imported.exitCode, 0);
    QVERIFY(imported.out.contains("added"));

    Result listed
        = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, data);
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray albums = QJsonDocument::fromJson(listed.out).array();
    QVERIFY(albums.size() >= 300);
    const QJsonObject first = albums.first().toObject();
    for (const char *key :
         {"id", "title", "artist", "year", "label", "format", "barcode", "genres", "added_at",
          "tracks", "sources", "ai_description", "ai_model", "ai_generated_at", "ai_edited"})
        QVERIFY2(first.contains(QLatin1String(key)), key);

    Result queried = run(
        {QStringLiteral("list"), QStringLiteral("--query"), QStringLiteral("Kind of Blue")}, data);
    QCOMPARE(queried.exitCode, 0);
    QVERIFY2(queried.out.contains("Miles Davis"), queried.out.constData());
    QCOMPARE(queried.out.count('\n'), 1);

    Result csv = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("csv"),
                      QStringLiteral("--query"), QStringLiteral("miles")},
                     data);
    QCOMPARE(csv.exitCode, 0);
    QVERIFY(csv.out.startsWith("Catalog#,Artist,Title"));

    const QString exportPath = m_dir.filePath(QStringLiteral("collection.json"));
    Result exported = run({QStringLiteral("export"), QStringLiteral("--format"),
                           QStringLiteral("json"), QStringLiteral("--output"), exportPath},
                          data);
    QCOMPARE(exported.exitCode, 0);
    QFile file(exportPath);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(QJsonDocument::fromJson(file.readAll()).array().size(), albums.size());

    // Importing the same file again stores nothing twice.
    Result again = run({QStringLiteral("import"), QStringLiteral("--source"),
                        QStringLiteral("discogs-csv"), QStringLiteral("--file"), sample},
                       data);
    QCOMPARE(again.exitCode, 0);
    QVERIFY(again.out.contains(" 0 added"));
    Result relisted
        = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, data);
    QCOMPARE(QJsonDocument::fromJson(relisted.out).array().size(), albums.size());
}

void TestCli::brokenRowsGivePartialExit()
{
    const QString path = writeFile(
        QStringLiteral("broken.csv"),
        "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,CollectionFolder,Date "
        "Added\n"
        "A1,Good Artist,Good Title,L,\"LP, Album\",,1990,11,Uncategorized,2020-01-01 00:00:00\n"
        "A2,Bad Id,Title,L,LP,,1990,abc,Uncategorized,2020-01-01 00:00:00\n"
        "A3,,No Artist,L,LP,,1990,12,Uncategorized,2020-01-01 00:00:00\n"
        "A4,Second Good,Another,L,LP,,1991,13,Uncategorized,2020-01-01 00:00:00\n");
    const QString data = m_dir.filePath(QStringLiteral("partial"));
    Result result = run({QStringLiteral("import"), QStringLiteral("--source"),
                         QStringLiteral("discogs-csv"), QStringLiteral("--file"), path},
                        data);
    QCOMPARE(result.exitCode, 1);
    QVERIFY2(result.err.contains(":3:"), result.err.constData());
    QVERIFY2(result.err.contains(":4:"), result.err.constData());
    Result listed = run({QStringLiteral("list")}, data);
    QCOMPARE(listed.out.count('\n'), 2);
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList {};
    QTest::newRow("unknown command") << QStringList {QStringLiteral("frobnicate")};
    QTest::newRow("import without source") << QStringList {
        QStringLiteral("import"), QStringLiteral("--file"), QStringLiteral("x.csv")};
    QTest::newRow("import missing file") << QStringList {
        QStringLiteral("import"), QStringLiteral("--source"), QStringLiteral("discogs-csv"),
        QStringLiteral("--file"), QStringLiteral("/nonexistent/x.csv")};
    QTest::newRow("list bad format")
        << QStringList {QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("xml")};
    QTest::newRow("export without output") << QStringList {
        QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("json")};
    QTest::newRow("unknown option")
        << QStringList {QStringLiteral("list"), QStringLiteral("--colour")};
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, arguments);
    Result result = run(arguments, m_dir.filePath(QStringLiteral("usage")));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.startsWith("aime-cli: "));
    QVERIFY(result.out.isEmpty());
}

void TestCli::corruptDatabaseIsFatal()
{
    QDir().mkpath(m_dir.filePath(QStringLiteral("corrupt")));
    writeFile(QStringLiteral("corrupt/collection.sqlite"), QByteArray(4096, 'x'));
    Result result = run({QStringLiteral("list")}, m_dir.filePath(QStringLiteral("corrupt")));
    QCOMPARE(result.exitCode, 2);
    QVERIFY(result.err.contains("untouched"));
}

void TestCli::twoImportsIntoOneCollectionAtOnce_data()
{
    QTest::addColumn<bool>("collectionExists");
    // Both processes create the database, or both write pages into one that exists.
    QTest::newRow("new data folder") << false;
    QTest::newRow("existing collection") << true;
}

void TestCli::twoImportsIntoOneCollectionAtOnce()
{
    // Two exports of 3,000 different releases each, imported by two aime-cli at the same time
    // into one data folder, as a person running aime-cli beside the window would.
    QFETCH(bool, collectionExists);
    const QString data = m_dir.filePath(QStringLiteral("shared-%1").arg(collectionExists));
    constexpr int rowsPerFile = 3000;
    int existing = 0;
    if (collectionExists) {
        const QString one = writeFile(QStringLiteral("one.csv"),
                                      "Catalog#,Artist,Title,Label,Format,Rating,Released,"
                                      "release_id\nX1,Can,Tago Mago,United Artists,LP,,1971,7\n");
        QCOMPARE(run({QStringLiteral("import"), QStringLiteral("--source"),
                      QStringLiteral("discogs-csv"), QStringLiteral("--file"), one},
                     data)
                     .exitCode,
                 0);
        existing = 1;
    }
    QStringList files;
    for (int file = 0; file < 2; ++file) {
        QByteArray csv = "Catalog#,Artist,Title,Label,Format,Rating,Released,release_id,"
                         "CollectionFolder,Date Added\n";
        for (int row = 0; row < rowsPerFile; ++row) {
            const int index = file * rowsPerFile + row;
            csv += QStringLiteral("CAT %1,Artist %1,Title %1,Label %2,\"LP, Album\",,%3,%4,"
                                  "Uncategorized,2020-01-02 03:04:05\n")
                       .arg(index)
                       .arg(index % 50)
                       .arg(1960 + index % 60)
                       .arg(5000000 + index)
                       .toUtf8();
        }
        files.append(writeFile(QStringLiteral("half-%1.csv").arg(file), csv));
    }
    QList<std::shared_ptr<QProcess>> imports;
    for (const QString &file : std::as_const(files)) {
        auto process = std::make_shared<QProcess>();
        process->start(m_cli,
                       {QStringLiteral("--data-dir"), data, QStringLiteral("import"),
                        QStringLiteral("--source"), QStringLiteral("discogs-csv"),
                        QStringLiteral("--file"), file});
        imports.append(process);
    }
    for (const std::shared_ptr<QProcess> &process : std::as_const(imports)) {
        QVERIFY(process->waitForFinished(180000));
        const QByteArray err = process->readAllStandardError();
        QVERIFY2(process->exitStatus() == QProcess::NormalExit && process->exitCode() == 0,
                 err.constData());
        QVERIFY2(!err.contains("locked"), err.constData());
    }
    Result listed
        = run({QStringLiteral("list"), QStringLiteral("--format"), QStringLiteral("json")}, data);
    QCOMPARE(listed.exitCode, 0);
    const QJsonArray albums = QJsonDocument::fromJson(listed.out).array();
    QCOMPARE(albums.size(), 2 * rowsPerFile + existing);
    QSet<QString> titles;
    for (const QJsonValue &album : albums)
        titles.insert(album.toObject().value(QStringLiteral("title")).toString());
    QCOMPARE(titles.size(), 2 * rowsPerFile + existing);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"

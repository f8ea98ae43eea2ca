#include "covers/coverdiskcache.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// The covers' disk cache: a file per address, found again after a restart, the least recently
// used evicted at the size limit, a broken file forgotten, a full disk leaving nothing behind.
class TestCoverDiskCache : public QObject
{
    Q_OBJECT

private slots:
    void storedCoversAreFoundAgainAfterARestart();
    void leastRecentlyUsedGoFirst_data();
    void leastRecentlyUsedGoFirst();
    void lowerLimitEvictsAtOnce();
    void brokenFileIsForgotten();
    void unwritableFolderLeavesNoHalfFile();
    void thumbnailsGoWithTheirFile();
    void markedUseKeepsAFile();
};

namespace {

QByteArray bytesOf(int size, char fill)
{
    return QByteArray(size, fill);
}

} // namespace

void TestCoverDiskCache::storedCoversAreFoundAgainAfterARestart()
{
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("covers"));
    {
        CoverDiskCache cache(folder);
        QVERIFY(cache.load());
        QVERIFY(QFileInfo(folder).isDir());
        QVERIFY(cache.lookup(QStringLiteral("https://i.scdn.co/image/a")).isEmpty());
        const QString path
            = cache.store(QStringLiteral("https://i.scdn.co/image/a"), bytesOf(1000, 'a'));
        QVERIFY(!path.isEmpty());
        QCOMPARE(cache.lookup(QStringLiteral("https://i.scdn.co/image/a")), path);
        QCOMPARE(cache.size(), 1000);
    }
    CoverDiskCache again(folder);
    QVERIFY(again.load());
    QCOMPARE(again.count(), 1);
    QCOMPARE(again.size(), 1000);
    const QString path = again.lookup(QStringLiteral("https://i.scdn.co/image/a"));
    QVERIFY(!path.isEmpty());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QCOMPARE(file.readAll(), bytesOf(1000, 'a'));
    // Another address is another file.
    QVERIFY(again.lookup(QStringLiteral("https://i.scdn.co/image/b")).isEmpty());
}

void TestCoverDiskCache::leastRecentlyUsedGoFirst_data()
{
    QTest::addColumn<bool>("useTheOldest");
    QTest::newRow("untouched: the oldest goes") << false;
    QTest::newRow("the oldest used again: the next goes") << true;
}

void TestCoverDiskCache::leastRecentlyUsedGoFirst()
{
    QFETCH(bool, useTheOldest);
    QTemporaryDir dir;
    CoverDiskCache cache(dir.filePath(QStringLiteral("covers")), 3000);
    QVERIFY(cache.load());
    for (const char *key : {"one", "two", "three"})
        QVERIFY(!cache.store(QLatin1String(key), bytesOf(1000, key[0])).isEmpty());
    QCOMPARE(cache.size(), 3000);
    if (useTheOldest)
        QVERIFY(!cache.lookup(QStringLiteral("one")).isEmpty());
    // A fourth cover goes over the limit: one file makes room, never the one just written.
    QVERIFY(!cache.store(QStringLiteral("four"), bytesOf(1000, 'f')).isEmpty());
    QCOMPARE(cache.size(), 3000);
    QCOMPARE(cache.count(), 3);
    QCOMPARE(cache.lookup(QStringLiteral("one")).isEmpty(), !useTheOldest);
    QCOMPARE(cache.lookup(QStringLiteral("two")).isEmpty(), useTheOldest);
    QVERIFY(!cache.lookup(QStringLiteral("four")).isEmpty());
    QCOMPARE(QDir(cache.folder()).entryList(QDir::Files).size(), 3);
}

void TestCoverDiskCache::lowerLimitEvictsAtOnce()
{
    QTemporaryDir dir;
    CoverDiskCache cache(dir.filePath(QStringLiteral("covers")));
    QVERIFY(cache.load());
    for (int i = 0; i < 10; ++i)
        QVERIFY(!cache.store(QString::number(i), bytesOf(500, char('0' + i))).isEmpty());
    QCOMPARE(cache.size(), 5000);
    cache.setLimit(2000);
    QCOMPARE(cache.size(), 2000);
    QCOMPARE(cache.count(), 4);
    // The newest four stay.
    for (int i = 6; i < 10; ++i)
        QVERIFY(!cache.lookup(QString::number(i)).isEmpty());
    QCOMPARE(QDir(cache.folder()).entryList(QDir::Files).size(), 4);
}

void TestCoverDiskCache::brokenFileIsForgotten()
{
    QTemporaryDir dir;
    CoverDiskCache cache(dir.filePath(QStringLiteral("covers")));
    QVERIFY(cache.load());
    const QString path = cache.store(QStringLiteral("broken"), QByteArray("not an image"));
    QVERIFY(QFile::exists(path));
    cache.remove(QStringLiteral("broken"));
    QVERIFY(!QFile::exists(path));
    QVERIFY(cache.lookup(QStringLiteral("broken")).isEmpty());
    QCOMPARE(cache.size(), 0);
}

void TestCoverDiskCache::unwritableFolderLeavesNoHalfFile()
{
    // The folder replaced by a plain file: no write can succeed, whoever runs the test (root
    // ignores permissions, not file types).
    QTemporaryDir dir;
    const QString folder = dir.filePath(QStringLiteral("covers"));
    CoverDiskCache cache(folder);
    QVERIFY(cache.load());
    QVERIFY(QDir(folder).removeRecursively());
    QFile blocker(folder);
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    QString error;
    QVERIFY(cache.store(QStringLiteral("k"), bytesOf(100, 'k'), &error).isEmpty());
    QVERIFY(error.contains(folder));
    QCOMPARE(cache.count(), 0);
    QCOMPARE(cache.size(), 0);
    QVERIFY(cache.lookup(QStringLiteral("k")).isEmpty());
}

void TestCoverDiskCache::thumbnailsGoWithTheirFile()
{
    QTemporaryDir dir;
    CoverDiskCache cache(dir.filePath(QStringLiteral("covers")));
    QVERIFY(cache.load());
    const QString kept = cache.store(QStringLiteral("kept"), bytesOf(100, 'k'));
    const QString replaced = cache.store(QStringLiteral("replaced"), bytesOf(100, 'r'));
    const QString evicted = cache.store(QStringLiteral("evicted"), bytesOf(100, 'e'));
    const auto makeThumbnail = [](const QString &file, int pixels) {
        const QString path = CoverDiskCache::thumbnailPath(file, pixels);
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile thumbnail(path);
        return thumbnail.open(QIODevice::WriteOnly) && thumbnail.write("t") == 1;
    };
    for (const QString &file : {kept, replaced, evicted}) {
        QVERIFY(makeThumbnail(file, 192));
        QVERIFY(makeThumbnail(file, 256));
    }
    QCOMPARE(CoverDiskCache::thumbnailPath(kept, 192),
             QDir(cache.folder())
                 .filePath(QStringLiteral("thumbnails/192/") + QFileInfo(kept).fileName()
                           + QStringLiteral(".jpg")));
    // The folder's scan at start counts downloads only.
    CoverDiskCache reopened(cache.folder());
    QVERIFY(reopened.load());
    QCOMPARE(reopened.count(), 3);
    QCOMPARE(reopened.size(), 300);

    QVERIFY(!cache.store(QStringLiteral("replaced"), bytesOf(100, 'R')).isEmpty());
    QVERIFY(cache.lookup(QStringLiteral("kept")) == kept);
    cache.setLimit(200); // "evicted" is now the least recently used
    QVERIFY(!QFile::exists(evicted));
    for (int pixels : {192, 256}) {
        QVERIFY(QFile::exists(CoverDiskCache::thumbnailPath(kept, pixels)));
        QVERIFY(!QFile::exists(CoverDiskCache::thumbnailPath(replaced, pixels)));
        QVERIFY(!QFile::exists(CoverDiskCache::thumbnailPath(evicted, pixels)));
    }
    cache.remove(QStringLiteral("kept"));
    QVERIFY(!QFile::exists(CoverDiskCache::thumbnailPath(kept, 192)));
}

void TestCoverDiskCache::markedUseKeepsAFile()
{
    // The grid decodes the file the store names, by its path: that use keeps it, as a lookup()
    // by address does; a path outside the folder is not the cache's.
    QTemporaryDir dir;
    CoverDiskCache cache(dir.filePath(QStringLiteral("covers")), 3000);
    QVERIFY(cache.load());
    const QString one = cache.store(QStringLiteral("one"), bytesOf(1000, 'o'));
    const QString two = cache.store(QStringLiteral("two"), bytesOf(1000, 't'));
    QVERIFY(!cache.store(QStringLiteral("three"), bytesOf(1000, 'h')).isEmpty());
    cache.markUsed(dir.filePath(QFileInfo(two).fileName())); // same name, another folder
    cache.markUsed(one);
    QVERIFY(!cache.store(QStringLiteral("four"), bytesOf(1000, 'f')).isEmpty());
    QVERIFY(QFile::exists(one));
    QVERIFY(!QFile::exists(two));
    QCOMPARE(cache.count(), 3);
}

QTEST_GUILESS_MAIN(TestCoverDiskCache)
#include "tst_coverdiskcache.moc"

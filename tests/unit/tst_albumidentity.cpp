#include "domain/albumidentity.h"

#include <QTest>

using aime::AlbumIdentity;

class TestAlbumIdentity : public QObject
{
    Q_OBJECT

private slots:
    void matchKey_data();
    void matchKey();
    void barcode_data();
    void barcode();
    void emptyNamesGiveNoKey();
};

void TestAlbumIdentity::matchKey_data()
{
    QTest::addColumn<QString>("artistA");
    QTest::addColumn<QString>("titleA");
    QTest::addColumn<int>("yearA");
    QTest::addColumn<QString>("artistB");
    QTest::addColumn<QString>("titleB");
    QTest::addColumn<int>("yearB");
    QTest::addColumn<bool>("same");

    QTest::newRow("identical") << "Radiohead"
                               << "OK Computer" << 1997 << "Radiohead"
                               << "OK Computer" << 1997 << true;
    QTest::newRow("case") << "RADIOHEAD"
                          << "ok computer" << 1997 << "Radiohead"
                          << "OK Computer" << 1997 << true;
    QTest::newRow("accents") << "Björk"
                             << "Homogénic" << 1997 << "Bjork"
                             << "Homogenic" << 1997 << true;
    QTest::newRow("letters without decomposition") << "Sigur Rós"
                                                   << "Ágætis byrjun" << 1999 << "Sigur Ros"
                                                   << "Agaetis Byrjun" << 1999 << true;
    QTest::newRow("stroke letters") << "Mørland"
                                    << "Straße" << 2000 << "Morland"
                                    << "Strasse" << 2000 << true;
    QTest::newRow("punctuation") << "AC/DC"
                                 << "Back in Black!" << 1980 << "AC DC"
                                 << "Back In Black" << 1980 << true;
    QTest::newRow("apostrophe") << "Guns N' Roses"
                                << "Appetite for Destruction" << 1987 << "Guns N Roses"
                                << "Appetite For Destruction" << 1987 << true;
    QTest::newRow("the prefix") << "The Beatles"
                                << "Abbey Road" << 1969 << "Beatles"
                                << "Abbey Road" << 1969 << true;
    QTest::newRow("ampersand") << "Simon & Garfunkel"
                               << "Bookends" << 1968 << "Simon and Garfunkel"
                               << "Bookends" << 1968 << true;
    QTest::newRow("remastered suffix") << "The Beatles"
                                       << "Abbey Road (Remastered 2019)" << 1969 << "The Beatles"
                                       << "Abbey Road" << 1969 << true;
    QTest::newRow("deluxe brackets") << "Nirvana"
                                     << "Nevermind [Deluxe Edition]" << 1991 << "Nirvana"
                                     << "Nevermind" << 1991 << true;
    QTest::newRow("spotify dash suffix") << "Pink Floyd"
                                         << "Animals - 2018 Remix" << 1977 << "Pink Floyd"
                                         << "Animals" << 1977 << true;
    QTest::newRow("discogs disambiguation") << "Nirvana (2)"
                                            << "Local Anaesthetic" << 1971 << "Nirvana"
                                            << "Local Anaesthetic" << 1971 << true;
    QTest::newRow("two suffixes") << "Miles Davis"
                                  << "Kind of Blue (Legacy Edition) [Remastered]" << 1959
                                  << "Miles Davis"
                                  << "Kind Of Blue" << 1959 << true;
    QTest::newRow("different year") << "Radiohead"
                                    << "OK Computer" << 1997 << "Radiohead"
                                    << "OK Computer" << 2017 << false;
    QTest::newRow("different title") << "Radiohead"
                                     << "Kid A" << 2000 << "Radiohead"
                                     << "Amnesiac" << 2000 << false;
    QTest::newRow("meaningful brackets kept") << "Led Zeppelin"
                                              << "Led Zeppelin (IV)" << 1971 << "Led Zeppelin"
                                              << "Led Zeppelin" << 1971 << false;
    QTest::newRow("different artist") << "Beach House"
                                      << "Bloom" << 2012 << "Beach Boys"
                                      << "Bloom" << 2012 << false;
    QTest::newRow("live dash kept") << "Nirvana"
                                    << "Unplugged - Live" << 1994 << "Nirvana"
                                    << "Unplugged" << 1994 << false;
}

void TestAlbumIdentity::matchKey()
{
    QFETCH(QString, artistA);
    QFETCH(QString, titleA);
    QFETCH(int, yearA);
    QFETCH(QString, artistB);
    QFETCH(QString, titleB);
    QFETCH(int, yearB);
    QFETCH(bool, same);
    const QString a = AlbumIdentity::matchKey(artistA, titleA, yearA);
    const QString b = AlbumIdentity::matchKey(artistB, titleB, yearB);
    QVERIFY(!a.isEmpty());
    QVERIFY(!b.isEmpty());
    QCOMPARE(a == b, same);
}

void TestAlbumIdentity::barcode_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("ean13") << "5099951165857"
                           << "5099951165857";
    QTest::newRow("upc12 padded") << "724385522925"
                                  << "0724385522925";
    QTest::newRow("spaces and dashes") << "5 099951 165857"
                                       << "5099951165857";
    QTest::newRow("discogs text") << "Barcode: 0 7243 8 55229 2 5"
                                  << "0724385522925";
    QTest::newRow("too short") << "12345"
                               << "";
    QTest::newRow("zeros") << "000000000000"
                           << "";
    QTest::newRow("empty") << ""
                           << "";
}

void TestAlbumIdentity::barcode()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(AlbumIdentity::normalisedBarcode(input), expected);
}

void TestAlbumIdentity::emptyNamesGiveNoKey()
{
    QVERIFY(
        AlbumIdentity::matchKey(QStringLiteral("!!!"), QStringLiteral("Title"), 2000).isEmpty());
    QVERIFY(
        AlbumIdentity::matchKey(QStringLiteral("..."), QStringLiteral("Title"), 2000).isEmpty());
    QVERIFY(AlbumIdentity::matchKey(QStringLiteral("Artist"), QString(), 2000).isEmpty());
}

QTEST_GUILESS_MAIN(TestAlbumIdentity)
#include "tst_albumidentity.moc"

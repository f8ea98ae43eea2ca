#include "singleinstance.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QLocalServer>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace aime;

// One AIME per data folder (issue 8): the first start listens, a second start on the same
// folder hands its files over and is told to quit, another folder has its own instance, a
// socket left by a crash is taken over, and a primary that does not answer does not keep a new
// start waiting for good.
class TestSingleInstance : public QObject
{
    Q_OBJECT

private slots:
    void secondStartHandsItsFilesToTheFirst();
    void anotherFolderHasItsOwnInstance();
    void socketLeftByACrashIsTakenOver();
    void primaryThatDoesNotAnswerIsNotWaitedForForever();
};

void TestSingleInstance::secondStartHandsItsFilesToTheFirst()
{
    QTemporaryDir folder;
    SingleInstance first(folder.path());
    QSignalSpy primary(&first, &SingleInstance::becamePrimary);
    QSignalSpy opened(&first, &SingleInstance::filesOpened);
    first.start({});
    QTRY_COMPARE(primary.size(), 1);

    SingleInstance second(folder.path());
    QSignalSpy forwarded(&second, &SingleInstance::forwarded);
    QSignalSpy secondPrimary(&second, &SingleInstance::becamePrimary);
    const QStringList files {QStringLiteral("/home/me/Downloads/collection.csv"),
                             QStringLiteral("/home/me/ünïcode export.csv")};
    second.start(files);
    QTRY_COMPARE(forwarded.size(), 1);
    QTRY_COMPARE(opened.size(), 1);
    QCOMPARE(opened.first().first().toStringList(), files);
    QCOMPARE(secondPrimary.size(), 0);

    // A start without files only raises the window.
    SingleInstance third(folder.path());
    QSignalSpy thirdForwarded(&third, &SingleInstance::forwarded);
    third.start({});
    QTRY_COMPARE(thirdForwarded.size(), 1);
    QTRY_COMPARE(opened.size(), 2);
    QVERIFY(opened.last().first().toStringList().isEmpty());
}

void TestSingleInstance::anotherFolderHasItsOwnInstance()
{
    QTemporaryDir one;
    QTemporaryDir two;
    QVERIFY(SingleInstance::serverNameFor(one.path()) != SingleInstance::serverNameFor(two.path()));
    QCOMPARE(SingleInstance::serverNameFor(one.path()),
             SingleInstance::serverNameFor(one.path() + QStringLiteral("/.")));
    SingleInstance first(one.path());
    QSignalSpy firstPrimary(&first, &SingleInstance::becamePrimary);
    first.start({});
    QTRY_COMPARE(firstPrimary.size(), 1);
    SingleInstance second(two.path());
    QSignalSpy secondPrimary(&second, &SingleInstance::becamePrimary);
    QSignalSpy forwarded(&second, &SingleInstance::forwarded);
    second.start({});
    QTRY_COMPARE(secondPrimary.size(), 1);
    QCOMPARE(forwarded.size(), 0);
}

void TestSingleInstance::socketLeftByACrashIsTakenOver()
{
    QTemporaryDir folder;
    const QString name = SingleInstance::serverNameFor(folder.path());
    // What a crash leaves: the socket's file, with nobody behind it.
    const QString leftover = QDir(QDir::tempPath()).filePath(name);
    {
        QFile file(leftover);
        QVERIFY(file.open(QIODevice::WriteOnly));
    }
    SingleInstance first(folder.path());
    QSignalSpy primary(&first, &SingleInstance::becamePrimary);
    QSignalSpy failed(&first, &SingleInstance::failed);
    first.start({});
    QTRY_COMPARE(primary.size(), 1);
    QCOMPARE(failed.size(), 0);

    SingleInstance second(folder.path());
    QSignalSpy forwarded(&second, &SingleInstance::forwarded);
    second.start({});
    QTRY_COMPARE(forwarded.size(), 1);
}

void TestSingleInstance::primaryThatDoesNotAnswerIsNotWaitedForForever()
{
    QTemporaryDir folder;
    // Accepts the connection and never answers, as a hung instance would.
    QLocalServer hung;
    QVERIFY(hung.listen(SingleInstance::serverNameFor(folder.path())));
    SingleInstance start(folder.path());
    QSignalSpy primary(&start, &SingleInstance::becamePrimary);
    QSignalSpy forwarded(&start, &SingleInstance::forwarded);
    QElapsedTimer clock;
    clock.start();
    start.start({QStringLiteral("/tmp/x.csv")});
    QTRY_COMPARE_WITH_TIMEOUT(primary.size(), 1, 10000);
    QCOMPARE(forwarded.size(), 0);
    QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
}

QTEST_GUILESS_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"

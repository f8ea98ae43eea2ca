#include "credentials/credentialstore.h"
#include "credentials/keychainbackend.h"

#include <QDir>
#include <QDirIterator>
#include <QStandardPaths>
#include <QTest>
#include <QUuid>

using namespace aime;

namespace {

struct Answer
{
    bool called = false;
    SecretResult result;

    QByteArray describe() const
    {
        return QStringLiteral("status %1: %2").arg(int(result.status)).arg(result.message).toUtf8();
    }
};

SecretBackend::Callback into(Answer &answer)
{
    return [&answer](const SecretResult &result) { answer = {true, result}; };
}

} // namespace

// The system keychain for real: a Secret Service (gnome-keyring-daemon, unlocked, inside
// dbus-run-session), which tests/integration/with-secret-service starts for this test.
class TestKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void secretSurvivesAnotherClient();
    void removedSecretIsGone();
    void secretNeverReachesFilesUnderHome();

private:
    QString m_service;
};

void TestKeychain::initTestCase()
{
    QVERIFY2(qEnvironmentVariableIsSet("DBUS_SESSION_BUS_ADDRESS"),
             "run under tests/integration/with-secret-service (needs a session bus)");
    m_service
        = QStringLiteral("AIME test %1").arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
}

void TestKeychain::secretSurvivesAnotherClient()
{
    {
        CredentialStore writer(new KeychainBackend(m_service));
        Answer written;
        writer.write(Secret::SpotifyRefreshToken, QStringLiteral("refresh-ÄÖ-%1").arg(m_service),
                     into(written));
        QTRY_VERIFY_WITH_TIMEOUT(written.called, 20000);
        QVERIFY2(written.result.ok(), written.describe().constData());
        QVERIFY(!writer.isSessionOnly());
        QCOMPARE(writer.whereSecretsAre(), QStringLiteral("the system keychain"));
    }
    // A new store, as AIME after a restart.
    CredentialStore reader(new KeychainBackend(m_service));
    Answer read;
    reader.read(Secret::SpotifyRefreshToken, into(read));
    QTRY_VERIFY_WITH_TIMEOUT(read.called, 20000);
    QVERIFY2(read.result.ok(), read.describe().constData());
    QCOMPARE(read.result.secret, QStringLiteral("refresh-ÄÖ-%1").arg(m_service));
}

void TestKeychain::removedSecretIsGone()
{
    CredentialStore store(new KeychainBackend(m_service));
    Answer written;
    store.write(Secret::DiscogsToken, QStringLiteral("discogs-token"), into(written));
    QTRY_VERIFY_WITH_TIMEOUT(written.called, 20000);
    QVERIFY2(written.result.ok(), written.describe().constData());

    Answer removed;
    store.remove(Secret::DiscogsToken, into(removed));
    QTRY_VERIFY_WITH_TIMEOUT(removed.called, 20000);
    QVERIFY2(removed.result.ok(), removed.describe().constData());

    Answer read;
    store.read(Secret::DiscogsToken, into(read));
    QTRY_VERIFY_WITH_TIMEOUT(read.called, 20000);
    QCOMPARE(read.result.status, SecretResult::Status::NotFound);

    // Removing what is not there is not an error.
    Answer again;
    store.remove(Secret::DiscogsToken, into(again));
    QTRY_VERIFY_WITH_TIMEOUT(again.called, 20000);
    QVERIFY2(again.result.ok(), again.describe().constData());
}

void TestKeychain::secretNeverReachesFilesUnderHome()
{
    const QString secret = QStringLiteral("needle-%1").arg(m_service);
    CredentialStore store(new KeychainBackend(m_service));
    Answer written;
    store.write(Secret::SpotifyClientSecret, secret, into(written));
    QTRY_VERIFY_WITH_TIMEOUT(written.called, 20000);
    QVERIFY2(written.result.ok(), written.describe().constData());

    // The keyring daemon encrypts what it stores; settings and caches must not hold it at all.
    int filesRead = 0;
    for (const auto location :
         {QStandardPaths::GenericConfigLocation, QStandardPaths::GenericDataLocation,
          QStandardPaths::GenericCacheLocation}) {
        QDirIterator it(QStandardPaths::writableLocation(location), QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            if (!file.open(QIODevice::ReadOnly) || file.size() > 16 * 1024 * 1024)
                continue;
            ++filesRead;
            QVERIFY2(!file.readAll().contains(secret.toUtf8()), qPrintable(file.fileName()));
        }
    }
    QVERIFY2(filesRead > 0, "the keyring's own files should be there to search");
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"

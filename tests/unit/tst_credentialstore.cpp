#include "credentials/credentialstore.h"
#include "credentials/memorysecretbackend.h"

#include <QSignalSpy>
#include <QTest>

using namespace aime;

namespace {

struct Answer
{
    bool called = false;
    SecretResult result;
};

SecretBackend::Callback into(Answer &answer)
{
    return [&answer](const SecretResult &result) { answer = {true, result}; };
}

} // namespace

// CredentialStore over a stand-in keychain; tst_keychain runs the real one.
class TestCredentialStore : public QObject
{
    Q_OBJECT

private slots:
    void keysAreDistinct();
    void writeReadRemove_data();
    void writeReadRemove();
    void unavailableKeychainAsksBeforeKeepingInMemory();
};

void TestCredentialStore::keysAreDistinct()
{
    const QSet<QString> keys {CredentialStore::keyOf(Secret::SpotifyRefreshToken),
                              CredentialStore::keyOf(Secret::SpotifyClientSecret),
                              CredentialStore::keyOf(Secret::DiscogsToken)};
    QCOMPARE(keys.size(), 3);
    QVERIFY(!keys.contains(QString()));
}

void TestCredentialStore::writeReadRemove_data()
{
    QTest::addColumn<int>("secret");
    QTest::newRow("spotify refresh token") << int(Secret::SpotifyRefreshToken);
    QTest::newRow("spotify client secret") << int(Secret::SpotifyClientSecret);
    QTest::newRow("discogs token") << int(Secret::DiscogsToken);
}

void TestCredentialStore::writeReadRemove()
{
    QFETCH(int, secret);
    CredentialStore store(new MemorySecretBackend);
    const auto which = Secret(secret);

    Answer written;
    store.write(which, QStringLiteral("s3cret-%1").arg(secret), into(written));
    QTRY_VERIFY(written.called);
    QVERIFY(written.result.ok());

    Answer read;
    store.read(which, into(read));
    QTRY_VERIFY(read.called);
    QCOMPARE(read.result.status, SecretResult::Status::Ok);
    QCOMPARE(read.result.secret, QStringLiteral("s3cret-%1").arg(secret));

    Answer removed;
    store.remove(which, into(removed));
    QTRY_VERIFY(removed.called);
    QVERIFY(removed.result.ok());

    Answer gone;
    store.read(which, into(gone));
    QTRY_VERIFY(gone.called);
    QCOMPARE(gone.result.status, SecretResult::Status::NotFound);
}

void TestCredentialStore::unavailableKeychainAsksBeforeKeepingInMemory()
{
    auto *keychain = new MemorySecretBackend;
    keychain->setUnavailable(true);
    CredentialStore store(keychain);
    QSignalSpy unavailable(&store, &CredentialStore::keychainUnavailable);

    Answer refused;
    store.write(Secret::DiscogsToken, QStringLiteral("tok"), into(refused));
    QTRY_VERIFY(refused.called);
    QCOMPARE(refused.result.status, SecretResult::Status::Unavailable);
    QCOMPARE(unavailable.count(), 1);
    QVERIFY(!unavailable.first().first().toString().contains(QStringLiteral("tok")));
    QVERIFY(!store.isSessionOnly());

    store.allowSessionOnly();
    QVERIFY(store.whereSecretsAre().contains(QStringLiteral("this run")));
    Answer kept;
    store.write(Secret::DiscogsToken, QStringLiteral("tok"), into(kept));
    QTRY_VERIFY(kept.called);
    QVERIFY(kept.result.ok());
    Answer read;
    store.read(Secret::DiscogsToken, into(read));
    QTRY_VERIFY(read.called);
    QCOMPARE(read.result.secret, QStringLiteral("tok"));
    QCOMPARE(unavailable.count(), 1);
}

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"

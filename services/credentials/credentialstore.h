#pragma once

#include "credentials/secretbackend.h"

#include <QObject>
#include <QPointer>

namespace aime {

class MemorySecretBackend;

// The secrets AIME keeps.
enum class Secret { SpotifyRefreshToken, SpotifyClientSecret, DiscogsToken, LlmApiKey };

// Tokens and secrets live in the OS keychain, never in QSettings and never in a log line.
// Where no keychain service runs, a write fails with Status::Unavailable until the person
// agrees to keep secrets in memory for this run only (allowSessionOnly()); the UI asks when
// keychainUnavailable() is emitted.
class CredentialStore : public QObject
{
    Q_OBJECT

public:
    using Callback = SecretBackend::Callback;

    // keychain: the system keychain (KeychainBackend) or, in unit tests, a stand-in; owned.
    explicit CredentialStore(SecretBackend *keychain, QObject *parent = nullptr);
    ~CredentialStore() override;

    static QString keyOf(Secret secret);

    void read(Secret secret, Callback done);
    void write(Secret secret, const QString &value, Callback done = {});
    // From the keychain and from memory.
    void remove(Secret secret, Callback done = {});

    void allowSessionOnly();
    bool isSessionOnly() const { return m_sessionOnly; }
    // For Preferences: "the system keychain" or "memory, for this run only".
    QString whereSecretsAre() const;

Q_SIGNALS:
    // A secret could not be kept because no keychain service runs; `message` says what the
    // keychain said, and never holds a secret.
    void keychainUnavailable(const QString &message);

private:
    SecretBackend *m_keychain;
    MemorySecretBackend *m_memory;
    bool m_sessionOnly = false;
};

} // namespace aime

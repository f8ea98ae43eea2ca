#include "credentials/credentialstore.h"

#include "credentials/memorysecretbackend.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcCredentials, "aime.credentials")

namespace aime {

CredentialStore::CredentialStore(SecretBackend *keychain, QObject *parent)
    : QObject(parent), m_keychain(keychain), m_memory(new MemorySecretBackend(this))
{
    m_keychain->setParent(this);
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::keyOf(Secret secret)
{
    switch (secret) {
    case Secret::SpotifyRefreshToken:
        return QStringLiteral("spotify/refresh-token");
    case Secret::SpotifyClientSecret:
        return QStringLiteral("spotify/client-secret");
    case Secret::DiscogsToken:
        return QStringLiteral("discogs/token");
    case Secret::LlmApiKey:
        return QStringLiteral("ai/api-key");
    }
    return {};
}

QString CredentialStore::whereSecretsAre() const
{
    return m_sessionOnly ? m_memory->description() : m_keychain->description();
}

void CredentialStore::allowSessionOnly()
{
    m_sessionOnly = true;
    qCInfo(lcCredentials) << "secrets are kept in memory for this run only";
}

void CredentialStore::read(Secret secret, Callback done)
{
    const QString key = keyOf(secret);
    if (m_sessionOnly) {
        m_memory->read(key, std::move(done));
        return;
    }
    m_keychain->read(key, [this, done = std::move(done)](const SecretResult &result) {
        if (result.status == SecretResult::Status::Failed
            || result.status == SecretResult::Status::Unavailable)
            qCWarning(lcCredentials).noquote() << "keychain read failed:" << result.message;
        done(result);
    });
}

void CredentialStore::write(Secret secret, const QString &value, Callback done)
{
    const QString key = keyOf(secret);
    if (m_sessionOnly) {
        m_memory->write(key, value, std::move(done));
        return;
    }
    QPointer<CredentialStore> self(this);
    m_keychain->write(key, value, [self, done = std::move(done)](const SecretResult &result) {
        if (!result.ok()) {
            qCWarning(lcCredentials).noquote() << "keychain write failed:" << result.message;
            if (self && result.status == SecretResult::Status::Unavailable)
                Q_EMIT self->keychainUnavailable(result.message);
        }
        if (done)
            done(result);
    });
}

void CredentialStore::remove(Secret secret, Callback done)
{
    const QString key = keyOf(secret);
    if (m_sessionOnly) {
        m_memory->remove(key, std::move(done));
        return;
    }
    m_keychain->remove(key, [done = std::move(done)](const SecretResult &result) {
        if (!result.ok())
            qCWarning(lcCredentials).noquote() << "keychain delete failed:" << result.message;
        if (done)
            done(result);
    });
}

} // namespace aime

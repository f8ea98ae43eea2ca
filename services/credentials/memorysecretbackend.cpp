#include "credentials/memorysecretbackend.h"

#include <QTimer>

namespace aime {

MemorySecretBackend::MemorySecretBackend(QObject *parent) : SecretBackend(parent) { }

QString MemorySecretBackend::description() const
{
    return tr("memory, for this run only");
}

void MemorySecretBackend::answer(Callback done, SecretResult result)
{
    if (m_unavailable)
        result = {SecretResult::Status::Unavailable, {}, tr("No keychain service is running.")};
    // Like a real keychain, answers come later, never inside the call.
    QTimer::singleShot(0, this, [done = std::move(done), result] {
        if (done)
            done(result);
    });
}

void MemorySecretBackend::read(const QString &key, Callback done)
{
    const auto it = m_secrets.constFind(key);
    if (it == m_secrets.cend() || m_unavailable)
        answer(std::move(done), {SecretResult::Status::NotFound, {}, {}});
    else
        answer(std::move(done), {SecretResult::Status::Ok, *it, {}});
}

void MemorySecretBackend::write(const QString &key, const QString &secret, Callback done)
{
    if (!m_unavailable)
        m_secrets.insert(key, secret);
    answer(std::move(done), {});
}

void MemorySecretBackend::remove(const QString &key, Callback done)
{
    if (!m_unavailable)
        m_secrets.remove(key);
    answer(std::move(done), {});
}

} // namespace aime

#pragma once

#include "credentials/secretbackend.h"

#include <QHash>

namespace aime {

// Secrets in memory, gone when AIME quits: where AIME keeps a secret for this run only when
// no keychain service runs and the person agreed. Also the keychain of unit tests.
class MemorySecretBackend : public SecretBackend
{
    Q_OBJECT

public:
    explicit MemorySecretBackend(QObject *parent = nullptr);

    QString description() const override;
    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

    // For tests that imitate a keychain which is not there.
    void setUnavailable(bool unavailable) { m_unavailable = unavailable; }

private:
    void answer(Callback done, SecretResult result);

    QHash<QString, QString> m_secrets;
    bool m_unavailable = false;
};

} // namespace aime

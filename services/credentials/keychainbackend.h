#pragma once

#include "credentials/secretbackend.h"

namespace aime {

// The system keychain through QtKeychain: the Secret Service (GNOME Keyring, KeePassXC ...) or
// KWallet on Linux, Keychain on macOS, Credential Manager on Windows. The insecure plain-file
// fallback of QtKeychain stays off: a secret is never written to QSettings.
class KeychainBackend : public SecretBackend
{
    Q_OBJECT

public:
    // `service` names AIME's entries in the keychain.
    explicit KeychainBackend(QString service, QObject *parent = nullptr);

    QString description() const override;
    void read(const QString &key, Callback done) override;
    void write(const QString &key, const QString &secret, Callback done) override;
    void remove(const QString &key, Callback done) override;

private:
    QString m_service;
};

} // namespace aime

#pragma once

#include <QObject>
#include <QString>

#include <functional>

namespace aime {

// What a secret store answered.
struct SecretResult
{
    enum class Status {
        Ok,
        NotFound, // reading a key that holds nothing
        Unavailable, // no keychain service runs (no Secret Service, no KWallet ...)
        Failed, // refused or broken: see message
    };
    Status status = Status::Ok;
    QString secret; // for a successful read
    QString message; // for a failure: what the store said, without any secret

    bool ok() const { return status == Status::Ok; }
};

// Where AIME keeps tokens and secrets: the operating system's keychain, or memory for this run.
// Asynchronous, because a keychain may ask the person to unlock it.
class SecretBackend : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(const SecretResult &)>;

    using QObject::QObject;

    // Where secrets go, for Preferences ("the system keychain", "memory, for this run only").
    virtual QString description() const = 0;
    virtual void read(const QString &key, Callback done) = 0;
    virtual void write(const QString &key, const QString &secret, Callback done) = 0;
    // Removing a key that holds nothing is a success.
    virtual void remove(const QString &key, Callback done) = 0;
};

} // namespace aime

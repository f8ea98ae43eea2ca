#include "credentials/keychainbackend.h"

#include <qt6keychain/keychain.h>

namespace aime {

namespace {

bool isMissingService(const QString &error)
{
    static const QLatin1String signs[] = {QLatin1String("Could not connect"),
                                          QLatin1String("org.freedesktop"),
                                          QLatin1String("D-Bus"),
                                          QLatin1String("DBus"),
                                          QLatin1String("ServiceUnknown"),
                                          QLatin1String("Object does not exist"),
                                          QLatin1String("No such secret collection")};
    for (const QLatin1String sign : signs) {
        if (error.contains(sign, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

SecretResult resultOf(const QKeychain::Job &job)
{
    SecretResult result;
    switch (job.error()) {
    case QKeychain::NoError:
        result.status = SecretResult::Status::Ok;
        return result;
    case QKeychain::EntryNotFound:
        result.status = SecretResult::Status::NotFound;
        break;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        result.status = SecretResult::Status::Unavailable;
        break;
    case QKeychain::OtherError:
        // Without a session bus, or a Secret Service without a keyring, libsecret reports its
        // D-Bus errors here.
        result.status = isMissingService(job.errorString()) ? SecretResult::Status::Unavailable
                                                            : SecretResult::Status::Failed;
        break;
    default:
        result.status = SecretResult::Status::Failed;
        break;
    }
    result.message = job.errorString();
    return result;
}

template<typename JobType> JobType *newJob(const QString &service, const QString &key)
{
    auto *job = new JobType(service);
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);
    return job;
}

} // namespace

KeychainBackend::KeychainBackend(QString service, QObject *parent)
    : SecretBackend(parent), m_service(std::move(service))
{ }

QString KeychainBackend::description() const
{
    return tr("the system keychain");
}

void KeychainBackend::read(const QString &key, Callback done)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *job) {
        SecretResult result = resultOf(*job);
        if (result.ok())
            result.secret = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        done(result);
    });
    job->start();
}

void KeychainBackend::write(const QString &key, const QString &secret, Callback done)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(m_service, key);
    job->setTextData(secret);
    connect(job, &QKeychain::Job::finished, this,
            [done = std::move(done)](QKeychain::Job *job) { done(resultOf(*job)); });
    job->start();
}

void KeychainBackend::remove(const QString &key, Callback done)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(m_service, key);
    connect(job, &QKeychain::Job::finished, this, [done = std::move(done)](QKeychain::Job *job) {
        SecretResult result = resultOf(*job);
        if (result.status == SecretResult::Status::NotFound)
            result = {};
        done(result);
    });
    job->start();
}

} // namespace aime

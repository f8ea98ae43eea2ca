#include "singleinstance.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLoggingCategory>
#include <QTimer>

#include <unistd.h>

Q_LOGGING_CATEGORY(lcInstance, "aime.instance", QtInfoMsg)

namespace aime {

namespace {

// A running instance answers at once; one that is hung must not keep a new start waiting.
constexpr int answerTimeoutMs = 3000;
constexpr qsizetype maxRequestBytes = 1 << 20;

} // namespace

SingleInstance::SingleInstance(const QString &dataDir, QObject *parent)
    : QObject(parent), m_serverName(serverNameFor(dataDir))
{ }

SingleInstance::~SingleInstance() = default;

QString SingleInstance::serverNameFor(const QString &dataDir)
{
    // Per user and per folder; short enough for a Unix socket path.
    const QByteArray key = QDir(dataDir).absolutePath().toUtf8() + '\0' + qgetenv("USER")
        + QByteArray::number(qint64(getuid()));
    return QStringLiteral("aime-")
        + QString::fromLatin1(
               QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(16));
}

void SingleInstance::start(const QStringList &files)
{
    m_files = files;
    m_probe = new QLocalSocket(this);
    auto *deadline = new QTimer(m_probe);
    deadline->setSingleShot(true);
    connect(deadline, &QTimer::timeout, this, [this] {
        qCWarning(lcInstance) << "the AIME already running on this folder does not answer; "
                                 "starting anyway";
        m_probe->abort();
        m_probe->deleteLater();
        m_probe = nullptr;
        listen();
    });
    connect(m_probe, &QLocalSocket::connected, this, [this] {
        const QJsonObject request {{QStringLiteral("raise"), true},
                                   {QStringLiteral("files"), QJsonArray::fromStringList(m_files)}};
        m_probe->write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    });
    connect(m_probe, &QLocalSocket::readyRead, this, [this, deadline] {
        // The primary answers "ok" once it has the request.
        if (!m_probe->canReadLine())
            return;
        deadline->stop();
        m_probe->disconnectFromServer();
        Q_EMIT forwarded();
    });
    connect(m_probe, &QLocalSocket::errorOccurred, this,
            [this, deadline](QLocalSocket::LocalSocketError error) {
                // After the answer the probe's own disconnection is no news.
                if (!m_probe || !deadline->isActive())
                    return;
                deadline->stop();
                qCDebug(lcInstance) << "no AIME runs on this folder yet:" << error;
                m_probe->deleteLater();
                m_probe = nullptr;
                listen();
            });
    deadline->start(answerTimeoutMs);
    m_probe->connectToServer(m_serverName);
}

void SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_serverName)) {
        // Nobody answered, so the name is a leftover of an instance that crashed.
        QLocalServer::removeServer(m_serverName);
        if (!m_server->listen(m_serverName)) {
            const QString message = tr("Cannot make sure only one AIME uses this data folder: %1")
                                        .arg(m_server->errorString());
            qCWarning(lcInstance).noquote() << message;
            Q_EMIT failed(message);
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, [this] {
        while (QLocalSocket *client = m_server->nextPendingConnection()) {
            connect(client, &QLocalSocket::disconnected, client, &QObject::deleteLater);
            connect(client, &QLocalSocket::readyRead, this,
                    [this, client] { readRequest(client); });
        }
    });
    Q_EMIT becamePrimary();
}

void SingleInstance::readRequest(QLocalSocket *client)
{
    if (client->bytesAvailable() > maxRequestBytes) {
        client->abort();
        return;
    }
    if (!client->canReadLine())
        return;
    QJsonParseError error;
    const QJsonDocument request = QJsonDocument::fromJson(client->readLine(), &error);
    if (error.error != QJsonParseError::NoError || !request.isObject()) {
        qCWarning(lcInstance) << "ignored a malformed request from another start:"
                              << error.errorString();
        client->abort();
        return;
    }
    client->write("ok\n");
    client->flush();
    QStringList files;
    for (const QJsonValue &file : request.object().value(QStringLiteral("files")).toArray())
        files.append(file.toString());
    Q_EMIT filesOpened(files);
}

} // namespace aime

#include "cliaccountcommands.h"

#include "clicommands.h"
#include "core/workerpool.h"
#include "credentials/accountsettings.h"
#include "credentials/credentialstore.h"
#include "credentials/keychainbackend.h"
#include "providers/discogsclient.h"
#include "providers/providerconfig.h"
#include "providers/providersettings.h"
#include "providers/spotifyclient.h"
#include "providers/spotifylogin.h"

#include <QCoreApplication>
#include <QFile>
#include <QNetworkAccessManager>
#include <QProcess>
#include <QStandardPaths>
#include <QTextStream>
#include <QTimer>

namespace aime {

namespace {

QTextStream &out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream &err()
{
    static QTextStream stream(stderr);
    return stream;
}

// Where the secrets of the command go; the service name is the one AIME itself uses.
CredentialStore *newCredentialStore(QObject *parent)
{
    return new CredentialStore(new KeychainBackend(QStringLiteral("AIME")), parent);
}

// What is missing and what to do about it: a keychain's own words ("Unknown error") say neither.
QString keychainProblem(const SecretResult &result, bool spotify)
{
    const QString what = result.status == SecretResult::Status::Unavailable
        ? QStringLiteral("no keychain (Secret Service) is running")
        : QStringLiteral("the keychain did not keep them (a locked keyring that cannot ask for "
                         "its password, for one)");
    QString problem
        = QStringLiteral("AIME keeps account tokens only in the system keychain, and %1: %2.\n"
                         "Start one and log in again: GNOME Keyring "
                         "(gnome-keyring-daemon --unlock --components=secrets), or KeePassXC "
                         "with its Secret Service integration on. Or log in from AIME's window, "
                         "which keeps the sign-in for that run when there is no keychain.")
              .arg(what,
                   result.message.isEmpty() ? QStringLiteral("no reason given") : result.message);
    if (spotify)
        problem += QStringLiteral("\nWithout a keychain: aime-cli login spotify "
                                  "--print-refresh-token prints the token once, for your own "
                                  "secret manager; give it back to aime-cli and AIME as "
                                  "AIME_SPOTIFY_REFRESH_TOKEN.");
    return problem;
}

void openInBrowser(const QUrl &url)
{
    const bool graphical
        = qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY");
    const QString opener = QStandardPaths::findExecutable(QStringLiteral("xdg-open"));
    if (graphical && !opener.isEmpty())
        QProcess::startDetached(opener, {url.toString(QUrl::FullyEncoded)});
}

} // namespace

CliAccountCommands::CliAccountCommands(Options options)
    : m_options(std::move(options)),
      m_endpoints(ProviderSettings::configureProcess(&m_endpointProblem)),
      m_environment(QProcessEnvironment::systemEnvironment())
{ }

int CliAccountCommands::run(const Options &options)
{
    CliAccountCommands command(options);
    QTimer::singleShot(0, &command, &CliAccountCommands::start);
    QCoreApplication::exec();
    return command.m_exitCode;
}

void CliAccountCommands::finish(int code, const QString &message)
{
    if (!message.isEmpty())
        (code == CliCommands::Ok ? out() : err())
            << (code == CliCommands::Ok ? "" : "aime-cli: ") << message << Qt::endl;
    m_exitCode = code;
    QCoreApplication::exit(code);
}

void CliAccountCommands::start()
{
    if (!m_endpointProblem.isEmpty())
        err() << "aime-cli: " << m_endpointProblem << Qt::endl;
    if (m_options.command == QLatin1String("logout"))
        logout();
    else if (m_options.provider == QLatin1String("spotify"))
        loginSpotify();
    else
        loginDiscogs();
}

void CliAccountCommands::loginSpotify()
{
    QString problem;
    AccountSettings accounts = AccountSettings::load();
    QString clientId = m_options.clientId;
    if (clientId.isEmpty())
        clientId = m_environment.value(QStringLiteral("AIME_SPOTIFY_CLIENT_ID"));
    if (clientId.isEmpty())
        clientId = accounts.spotifyClientId;
    if (clientId.isEmpty()) {
        finish(CliCommands::Fatal,
               QStringLiteral("login spotify needs a Client ID: --client-id ID or "
                              "AIME_SPOTIFY_CLIENT_ID (see docs/cli.md for how to get one)"));
        return;
    }

    auto *network = new QNetworkAccessManager(this);
    auto *pool = new WorkerPool(this);
    auto *client = new SpotifyClient(network, pool, m_endpoints.spotifyApi,
                                     m_endpoints.spotifyAccounts, this);
    client->setClientId(clientId);
    auto *login = new SpotifyLogin(client, this);
    auto *credentials = newCredentialStore(this);
    connect(login, &SpotifyLogin::failed, this,
            [this](const QString &message) { finish(CliCommands::Fatal, message); });
    connect(login, &SpotifyLogin::redirectRefused, this,
            [](const QString &reason) { err() << "aime-cli: " << reason << Qt::endl; });
    connect(login, &SpotifyLogin::succeeded, this,
            [this, credentials, accounts, clientId](const SpotifyUser &user) mutable {
                const QString name = user.displayName.isEmpty() ? user.id : user.displayName;
                if (m_spotifyRefreshToken.isEmpty()) {
                    finish(CliCommands::Fatal,
                           QStringLiteral("Spotify gave no refresh token; AIME could not stay "
                                          "connected."));
                    return;
                }
                if (m_options.printRefreshToken) {
                    // Nothing is stored: the person keeps the token where they keep secrets.
                    out() << "AIME_SPOTIFY_REFRESH_TOKEN=" << m_spotifyRefreshToken << Qt::endl;
                    err() << "aime-cli: connected to Spotify as " << name
                          << ". AIME kept nothing: anyone with this token can read your "
                             "Spotify library, so keep it secret."
                          << Qt::endl;
                    finish(CliCommands::Ok);
                    return;
                }
                credentials->write(
                    Secret::SpotifyRefreshToken, m_spotifyRefreshToken,
                    [this, accounts, clientId, name](const SecretResult &result) mutable {
                        if (!result.ok()) {
                            finish(CliCommands::Fatal, keychainProblem(result, true));
                            return;
                        }
                        accounts.spotifyClientId = clientId;
                        accounts.spotifyUser = name;
                        accounts.save();
                        finish(CliCommands::Ok,
                               QStringLiteral("Connected to Spotify as %1.").arg(name));
                    });
            });
    connect(client, &SpotifyClient::refreshTokenChanged, this,
            [this](const QString &token) { m_spotifyRefreshToken = token; });

    if (!login->start(&problem)) {
        finish(CliCommands::Fatal, problem);
        return;
    }
    err() << "Open this address in a browser and allow AIME to read your saved albums:" << Qt::endl;
    out() << login->authorizeUrl().toString(QUrl::FullyEncoded) << Qt::endl;
    err() << "Waiting for Spotify's answer on " << login->redirectUri() << " ..." << Qt::endl;
    if (m_options.openBrowser)
        openInBrowser(login->authorizeUrl());
}

void CliAccountCommands::loginDiscogs()
{
    if (m_options.user.isEmpty()) {
        finish(CliCommands::Fatal, QStringLiteral("login discogs needs --user NAME"));
        return;
    }
    QString token = m_environment.value(QStringLiteral("AIME_DISCOGS_TOKEN")).trimmed();
    if (token.isEmpty()) {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly))
            token = QString::fromUtf8(in.readLine(4096)).trimmed();
    }
    if (token.isEmpty()) {
        finish(CliCommands::Fatal,
               QStringLiteral("give the Discogs personal access token on standard input "
                              "(discogs.com > Settings > Developers > Generate new token)"));
        return;
    }
    auto *network = new QNetworkAccessManager(this);
    auto *pool = new WorkerPool(this);
    auto *client = new DiscogsClient(network, pool, m_endpoints.discogsApi, this);
    client->setToken(token);
    auto *credentials = newCredentialStore(this);
    client->identity([this, credentials, token](const ParseResult<DiscogsIdentity> &identity) {
        if (!identity.ok()) {
            finish(CliCommands::Fatal,
                   QStringLiteral("Discogs did not accept the token: %1").arg(identity.error));
            return;
        }
        const QString name = identity.value->username;
        if (name.compare(m_options.user, Qt::CaseInsensitive) != 0) {
            finish(CliCommands::Fatal,
                   QStringLiteral("the token belongs to Discogs user \"%1\", not \"%2\"")
                       .arg(name, m_options.user));
            return;
        }
        credentials->write(Secret::DiscogsToken, token, [this, name](const SecretResult &result) {
            if (!result.ok()) {
                finish(CliCommands::Fatal, keychainProblem(result, false));
                return;
            }
            AccountSettings accounts = AccountSettings::load();
            accounts.discogsUser = name;
            accounts.discogsHasToken = true;
            accounts.save();
            finish(CliCommands::Ok, QStringLiteral("Connected to Discogs as %1.").arg(name));
        });
    });
}

void CliAccountCommands::logout()
{
    const bool spotify = m_options.provider == QLatin1String("spotify");
    auto *credentials = newCredentialStore(this);
    credentials->remove(spotify ? Secret::SpotifyRefreshToken : Secret::DiscogsToken,
                        [this, spotify](const SecretResult &result) {
                            if (!result.ok()) {
                                finish(CliCommands::Fatal, keychainProblem(result, false));
                                return;
                            }
                            AccountSettings accounts = AccountSettings::load();
                            if (spotify) {
                                accounts.spotifyUser.clear();
                            } else {
                                accounts.discogsUser.clear();
                                accounts.discogsHasToken = false;
                            }
                            accounts.save();
                            finish(CliCommands::Ok,
                                   spotify ? QStringLiteral("Disconnected from Spotify.")
                                           : QStringLiteral("Disconnected from Discogs."));
                        });
}

} // namespace aime

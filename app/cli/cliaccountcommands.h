#pragma once

#include "providers/providerconfig.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QString>

namespace aime {

// aime-cli login spotify|discogs and logout spotify|discogs (docs/cli.md). A login waits for
// the network (and, for Spotify, for the browser), so it runs in the event loop and ends it
// with the exit code.
class CliAccountCommands : public QObject
{
    Q_OBJECT

public:
    struct Options
    {
        QString command; // login or logout
        QString provider; // spotify or discogs
        QString clientId; // --client-id
        QString user; // --user
        bool openBrowser = true;
        // login spotify: print the refresh token once instead of keeping it in the keychain,
        // for a machine without one (it comes back through AIME_SPOTIFY_REFRESH_TOKEN).
        bool printRefreshToken = false;
    };

    // Starts the command; runs the event loop until it ends and returns the exit code.
    static int run(const Options &options);

private:
    explicit CliAccountCommands(Options options);

    void start();
    void loginSpotify();
    void loginDiscogs();
    void logout();
    void finish(int code, const QString &message = {});

    Options m_options;
    QString m_endpointProblem; // before m_endpoints, which fills it
    ProviderEndpoints m_endpoints;
    QProcessEnvironment m_environment;
    int m_exitCode = 0;
    QString m_spotifyRefreshToken; // as the login brought it, for the keychain
};

} // namespace aime

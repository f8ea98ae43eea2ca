#pragma once

#include "providers/spotifyparser.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>
#include <QVariantMap>

#include <chrono>

namespace aime {

class GateReply;
class LoopbackReplyHandler;
class SpotifyClient;

// One user login to Spotify with the Authorization Code flow and PKCE (PROVIDERS.md 1.3-1.4):
// listens on http://127.0.0.1:PORT/callback, gives the authorize URL for the system browser,
// refuses redirects whose state is not this login's, closes the listener at the first valid
// one, trades the code for tokens (which the client adopts) and asks who connected; when that
// question fails, the client lets go of the tokens again. Exactly one of succeeded() and failed()
// is emitted, unless cancel() is called first.
class SpotifyLogin : public QObject
{
    Q_OBJECT

public:
    explicit SpotifyLogin(SpotifyClient *client, QObject *parent = nullptr);
    ~SpotifyLogin() override;

    // Listens and prepares the URL; false, with *problem, when there is no Client ID or no port.
    bool start(QString *problem = nullptr);
    QUrl authorizeUrl() const { return m_authorizeUrl; }
    QString redirectUri() const { return m_redirectUri; }
    bool isListening() const;
    void setTimeout(std::chrono::milliseconds timeout);
    // After the code was traded for tokens, the user those tokens belong to is dropped from the
    // client again: nobody has confirmed who connected.
    void cancel();
    // Whether Spotify gave this login tokens. Unless it succeeded, the client has dropped them
    // again, together with whoever was connected before.
    bool receivedTokens() const { return m_receivedTokens; }

Q_SIGNALS:
    void succeeded(const aime::SpotifyUser &user);
    void failed(const QString &message);
    // A request reached the listener without this login's state (a stale tab, or a forgery);
    // it was refused and the login goes on waiting.
    void redirectRefused(const QString &reason);

private:
    void onCallback(const QVariantMap &values);
    void fail(const QString &message);
    void finish();
    void dropUnconfirmedUser();

    QPointer<SpotifyClient> m_client;
    LoopbackReplyHandler *m_handler = nullptr;
    QString m_redirectUri;
    QByteArray m_verifier;
    QByteArray m_state;
    QUrl m_authorizeUrl;
    QTimer m_timeout;
    QPointer<GateReply> m_pending;
    bool m_done = false;
    bool m_receivedTokens = false;
    bool m_unconfirmed = false; // the client holds this login's tokens, /v1/me has not answered
};

} // namespace aime

#include "providers/spotifylogin.h"

#include "providers/gatereply.h"
#include "providers/loopbackreplyhandler.h"
#include "providers/pkce.h"
#include "providers/spotifyclient.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSpotifyLogin, "aime.spotify.login")

namespace aime {

SpotifyLogin::SpotifyLogin(SpotifyClient *client, QObject *parent)
    : QObject(parent), m_client(client)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(std::chrono::minutes(5));
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        fail(tr("No answer from the browser within %1 minutes; the Spotify login was stopped.")
                 .arg(m_timeout.interval() / 60000));
    });
}

SpotifyLogin::~SpotifyLogin()
{
    if (m_pending)
        m_pending->cancel();
}

void SpotifyLogin::setTimeout(std::chrono::milliseconds timeout)
{
    m_timeout.setInterval(timeout);
}

bool SpotifyLogin::isListening() const
{
    return m_handler && m_handler->isListening();
}

bool SpotifyLogin::start(QString *problem)
{
    const auto refuse = [problem](const QString &text) {
        if (problem)
            *problem = text;
        return false;
    };
    if (!m_client || m_client->clientId().isEmpty())
        return refuse(tr("Enter your Spotify Client ID first (Preferences > Accounts)."));
    if (m_handler)
        return refuse(tr("This login has already started."));
    m_handler = new LoopbackReplyHandler(0, this);
    if (!m_handler->isListening()) {
        return refuse(
            tr("Cannot listen on 127.0.0.1 for Spotify's answer; is the loopback interface up?"));
    }
    // Kept: the token request must repeat it exactly, after the listener has closed.
    m_redirectUri = m_handler->callback();
    m_verifier = Pkce::generateVerifier();
    m_state = Pkce::generateState();
    m_authorizeUrl = m_client->authorizeUrl(m_redirectUri, Pkce::challenge(m_verifier), m_state);
    connect(m_handler, &LoopbackReplyHandler::callbackReceived, this, &SpotifyLogin::onCallback);
    m_timeout.start();
    return true;
}

void SpotifyLogin::onCallback(const QVariantMap &values)
{
    if (m_done || !m_handler->isListening())
        return;
    if (values.value(QStringLiteral("state")).toString().toLatin1() != m_state) {
        // Not an answer to this login; logged without its values, which may hold a code.
        const QString reason = tr("A redirect without this login's state was refused.");
        qCWarning(lcSpotifyLogin).noquote() << reason;
        Q_EMIT redirectRefused(reason);
        return;
    }
    m_handler->close();
    const QString error = values.value(QStringLiteral("error")).toString();
    if (!error.isEmpty()) {
        fail(error == QLatin1String("access_denied")
                 ? tr("The Spotify login was declined in the browser.")
                 : tr("Spotify refused the login (%1).").arg(error.left(100)));
        return;
    }
    const QString code = values.value(QStringLiteral("code")).toString();
    if (code.isEmpty()) {
        fail(tr("Spotify's answer held neither a code nor an error."));
        return;
    }
    // A cancelled request still answers, later; the login may be gone by then.
    QPointer<SpotifyLogin> self(this);
    m_pending = m_client->exchangeAuthorizationCode(
        code, m_verifier, m_redirectUri, [this, self](const ParseResult<SpotifyToken> &token) {
            if (!self || m_done)
                return;
            if (!token.ok()) {
                fail(tr("Spotify refused the login: %1").arg(token.error));
                return;
            }
            m_receivedTokens = true;
            m_unconfirmed = true;
            m_pending = m_client->currentUser([this, self](const ParseResult<SpotifyUser> &user) {
                if (!self || m_done)
                    return;
                if (!user.ok()) {
                    fail(user.error);
                    return;
                }
                m_unconfirmed = false;
                finish();
                Q_EMIT succeeded(*user.value);
            });
        });
}

void SpotifyLogin::fail(const QString &message)
{
    if (m_done)
        return;
    dropUnconfirmedUser();
    finish();
    Q_EMIT failed(message);
}

void SpotifyLogin::finish()
{
    m_done = true;
    m_timeout.stop();
    if (m_handler)
        m_handler->close();
}

void SpotifyLogin::cancel()
{
    if (m_pending)
        m_pending->cancel();
    dropUnconfirmedUser();
    finish();
}

void SpotifyLogin::dropUnconfirmedUser()
{
    // Tokens for an account nobody confirmed (e.g. /v1/me answered 403 for a user missing from
    // the app's allow-list) must not serve requests as if it were connected.
    if (m_unconfirmed && m_client)
        m_client->disconnectUser();
    m_unconfirmed = false;
}

} // namespace aime

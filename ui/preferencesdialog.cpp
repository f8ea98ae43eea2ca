#include "preferencesdialog.h"

#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "providers/providerconfig.h"
#include "providers/providersettings.h"
#include "providers/spotifylogin.h"

#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QTabWidget>
#include <QVBoxLayout>

namespace aime {

namespace {

QLabel *stateLabel()
{
    auto *label = new QLabel;
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

QLabel *helpLabel(const QString &html)
{
    auto *label = new QLabel(html);
    label->setWordWrap(true);
    label->setTextFormat(Qt::RichText);
    label->setOpenExternalLinks(true);
    label->setForegroundRole(QPalette::PlaceholderText);
    return label;
}

QString placeholderFor(const QString &name)
{
    const ProviderEndpoints defaults;
    static const QMap<QString, QString> urls {
        {QStringLiteral("AIME_SPOTIFY_API_URL"), defaults.spotifyApi.toString()},
        {QStringLiteral("AIME_SPOTIFY_ACCOUNTS_URL"), defaults.spotifyAccounts.toString()},
        {QStringLiteral("AIME_DISCOGS_API_URL"), defaults.discogsApi.toString()},
        {QStringLiteral("AIME_MUSICBRAINZ_API_URL"), defaults.musicBrainzApi.toString()},
        {QStringLiteral("AIME_COVERART_URL"), defaults.coverArt.toString()},
        {QStringLiteral("AIME_LLM_URL"), defaults.llm.toString()},
    };
    if (urls.contains(name))
        return urls.value(name);
    if (name.endsWith(QLatin1String("_RATE")))
        return QObject::tr("default (N/S: N requests per S seconds)");
    return QObject::tr("default");
}

} // namespace

PreferencesDialog::PreferencesDialog(AccountManager *accounts, QWidget *parent)
    : QDialog(parent), m_accounts(accounts)
{
    setWindowTitle(tr("Preferences"));
    m_tabs = new QTabWidget;
    m_tabs->addTab(createAccountsPage(), tr("&Accounts"));
    m_tabs->addTab(createAdvancedPage(), tr("A&dvanced"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, this, &PreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_tabs);
    layout->addWidget(buttons);

    connect(m_accounts, &AccountManager::changed, this, &PreferencesDialog::refreshStates);
    connect(m_accounts, &AccountManager::keychainUnavailable, this,
            &PreferencesDialog::askToKeepForThisRun);
    connect(m_accounts, &AccountManager::spotifyLoginFinished, this,
            [this](bool ok, const QString &message) {
                m_spotifyLoginRunning = false;
                refreshStates();
                if (!ok)
                    m_spotifyState->setText(tr("Not connected: %1").arg(message));
            });
    connect(m_accounts, &AccountManager::discogsVerified, this,
            [this](bool ok, const QString &message) {
                m_discogsVerifying = false;
                if (ok)
                    m_discogsToken->clear();
                refreshStates();
                if (!ok)
                    m_discogsState->setText(tr("Not verified: %1").arg(message));
            });
    refreshStates();
    resize(sizeHint().expandedTo(QSize(620, 560)));
}

PreferencesDialog::~PreferencesDialog() = default;

void PreferencesDialog::showAccounts()
{
    m_tabs->setCurrentIndex(0);
}

void PreferencesDialog::showAdvanced()
{
    m_tabs->setCurrentIndex(1);
}

QWidget *PreferencesDialog::createAccountsPage()
{
    const AccountSettings &settings = m_accounts->settings();

    auto *spotify = new QGroupBox(tr("Spotify"));
    m_spotifyClientId = new QLineEdit(settings.spotifyClientId);
    m_spotifyClientId->setPlaceholderText(tr("32 letters and digits from your Spotify app"));
    m_spotifyClientSecret = new QLineEdit;
    m_spotifyClientSecret->setEchoMode(QLineEdit::Password);
    m_spotifyClientSecret->setPlaceholderText(
        settings.spotifyHasClientSecret
            ? tr("kept in %1").arg(m_accounts->credentials()->whereSecretsAre())
            : tr("optional: search without connecting"));
    m_spotifyState = stateLabel();
    m_spotifyConnect = new QPushButton;
    connect(m_spotifyConnect, &QPushButton::clicked, this,
            &PreferencesDialog::connectOrDisconnectSpotify);
    auto *spotifyForm = new QFormLayout(spotify);
    spotifyForm->addRow(helpLabel(
        tr("1. Create an app at <a href=\"https://developer.spotify.com/dashboard\">"
           "developer.spotify.com/dashboard</a>.<br>"
           "2. Add the redirect URI <b>http://127.0.0.1/callback</b> and tick Web API.<br>"
           "3. Copy its Client ID here; in development mode, add your account under User "
           "Management.")));
    spotifyForm->addRow(tr("Client &ID:"), m_spotifyClientId);
    spotifyForm->addRow(tr("Client &Secret:"), m_spotifyClientSecret);
    auto *spotifyRow = new QHBoxLayout;
    spotifyRow->addWidget(m_spotifyState, 1);
    spotifyRow->addWidget(m_spotifyConnect);
    spotifyForm->addRow(tr("State:"), spotifyRow);

    auto *discogs = new QGroupBox(tr("Discogs"));
    m_discogsUser = new QLineEdit(settings.discogsUser);
    m_discogsUser->setPlaceholderText(tr("your Discogs user name"));
    m_discogsToken = new QLineEdit;
    m_discogsToken->setEchoMode(QLineEdit::Password);
    m_discogsState = stateLabel();
    m_discogsVerify = new QPushButton;
    connect(m_discogsVerify, &QPushButton::clicked, this,
            &PreferencesDialog::verifyOrDisconnectDiscogs);
    auto *discogsForm = new QFormLayout(discogs);
    discogsForm->addRow(helpLabel(
        tr("Generate a personal access token at <a href=\"https://www.discogs.com/settings/"
           "developers\">discogs.com/settings/developers</a>.")));
    discogsForm->addRow(tr("&User name:"), m_discogsUser);
    discogsForm->addRow(tr("&Token:"), m_discogsToken);
    auto *discogsRow = new QHBoxLayout;
    discogsRow->addWidget(m_discogsState, 1);
    discogsRow->addWidget(m_discogsVerify);
    discogsForm->addRow(tr("State:"), discogsRow);

    auto *musicBrainz = new QGroupBox(tr("MusicBrainz"));
    m_musicBrainzContact = new QLineEdit(settings.musicBrainzContact);
    m_musicBrainzContact->setPlaceholderText(tr("you@example.org"));
    auto *musicBrainzForm = new QFormLayout(musicBrainz);
    musicBrainzForm->addRow(helpLabel(tr("No account needed. MusicBrainz asks for a contact "
                                         "address in every request, in case it needs to reach "
                                         "you.")));
    musicBrainzForm->addRow(tr("Contact &e-mail:"), m_musicBrainzContact);

    m_secretsLocation = stateLabel();
    m_secretsLocation->setForegroundRole(QPalette::PlaceholderText);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(spotify);
    layout->addWidget(discogs);
    layout->addWidget(musicBrainz);
    layout->addWidget(m_secretsLocation);
    layout->addStretch(1);
    return page;
}

QWidget *PreferencesDialog::createAdvancedPage()
{
    const QMap<QString, QString> values = ProviderSettings::load();
    auto *form = new QFormLayout;
    for (const QString &name : ProviderSettings::names()) {
        auto *edit = new QLineEdit(values.value(name));
        edit->setPlaceholderText(placeholderFor(name));
        edit->setClearButtonEnabled(true);
        const bool overridden = qEnvironmentVariableIsSet(qPrintable(name));
        if (overridden) {
            edit->setToolTip(tr("Set in the environment to %1, which wins over this value.")
                                 .arg(qEnvironmentVariable(qPrintable(name))));
        }
        auto *label = new QLabel(overridden ? name + QStringLiteral(" *") : name);
        label->setBuddy(edit);
        form->addRow(label, edit);
        m_advanced.insert(name, edit);
    }
    auto *inner = new QWidget;
    auto *innerLayout = new QVBoxLayout(inner);
    innerLayout->addWidget(helpLabel(
        tr("Where AIME reaches each provider, and how fast. Leave a field empty for the "
           "default. Plain http is accepted only for 127.0.0.1 and other loopback addresses. "
           "Variables of the same name in the environment win (marked *). Changes take effect "
           "the next time AIME starts.")));
    m_advancedProblem = stateLabel();
    m_advancedProblem->setObjectName(QStringLiteral("advancedProblem"));
    m_advancedProblem->setStyleSheet(QStringLiteral("color: palette(bright-text); "
                                                    "background: #b3261e; padding: 6px; "
                                                    "border-radius: 4px;"));
    m_advancedProblem->hide();
    innerLayout->addWidget(m_advancedProblem);
    innerLayout->addLayout(form);
    innerLayout->addStretch(1);
    auto *scroll = new QScrollArea;
    scroll->setWidget(inner);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    return scroll;
}

void PreferencesDialog::refreshStates()
{
    const AccountSettings &settings = m_accounts->settings();
    if (m_spotifyLoginRunning) {
        m_spotifyState->setText(tr("Waiting for the browser…"));
        m_spotifyConnect->setText(tr("Cancel"));
    } else if (m_accounts->isSpotifyConnected()) {
        m_spotifyState->setText(tr("Connected as %1").arg(settings.spotifyUser));
        m_spotifyConnect->setText(tr("&Disconnect"));
    } else {
        m_spotifyState->setText(settings.spotifyHasClientSecret
                                    ? tr("Not connected; search works with the Client Secret")
                                    : tr("Not connected"));
        m_spotifyConnect->setText(tr("&Connect…"));
    }
    m_spotifyConnect->setEnabled(m_spotifyLoginRunning || m_accounts->isSpotifyConnected()
                                 || !m_spotifyClientId->text().trimmed().isEmpty());
    if (!m_spotifyLoginRunning) {
        connect(m_spotifyClientId, &QLineEdit::textChanged, this, &PreferencesDialog::refreshStates,
                Qt::UniqueConnection);
    }

    const bool discogsConnected = settings.discogsHasToken && !settings.discogsUser.isEmpty();
    if (m_discogsVerifying) {
        m_discogsState->setText(tr("Checking the token…"));
        m_discogsVerify->setEnabled(false);
    } else {
        m_discogsState->setText(discogsConnected ? tr("Connected as %1").arg(settings.discogsUser)
                                                 : tr("Not connected"));
        m_discogsVerify->setText(discogsConnected ? tr("Dis&connect") : tr("&Verify"));
        m_discogsVerify->setEnabled(true);
    }
    m_discogsToken->setPlaceholderText(
        discogsConnected ? tr("kept in %1").arg(m_accounts->credentials()->whereSecretsAre())
                         : tr("personal access token"));
    m_secretsLocation->setText(tr("Tokens and secrets are kept in %1, never in AIME's settings.")
                                   .arg(m_accounts->credentials()->whereSecretsAre()));
}

void PreferencesDialog::connectOrDisconnectSpotify()
{
    if (m_spotifyLoginRunning) {
        m_accounts->cancelSpotifyLogin();
        m_spotifyLoginRunning = false;
        refreshStates();
        return;
    }
    if (m_accounts->isSpotifyConnected()) {
        m_accounts->disconnectSpotify();
        return;
    }
    m_accounts->setSpotifyClientId(m_spotifyClientId->text());
    QString problem;
    SpotifyLogin *login = m_accounts->connectSpotify(&problem);
    if (!login) {
        m_spotifyState->setText(problem);
        return;
    }
    m_spotifyLoginRunning = true;
    refreshStates();
    if (!QDesktopServices::openUrl(login->authorizeUrl())) {
        m_spotifyState->setText(
            tr("Open this address in your browser: %1").arg(login->authorizeUrl().toString()));
        m_spotifyState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    }
}

void PreferencesDialog::verifyOrDisconnectDiscogs()
{
    const AccountSettings &settings = m_accounts->settings();
    if (settings.discogsHasToken && !settings.discogsUser.isEmpty()
        && m_discogsToken->text().isEmpty()) {
        m_accounts->disconnectDiscogs();
        return;
    }
    m_discogsVerifying = true;
    refreshStates();
    m_accounts->verifyDiscogs(m_discogsUser->text(), m_discogsToken->text());
}

void PreferencesDialog::askToKeepForThisRun(const QString &message)
{
    if (m_askedAboutKeychain)
        return;
    m_askedAboutKeychain = true;
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("No keychain"),
        tr("AIME keeps tokens in the system keychain, but no keychain service is running "
           "(%1).\n\nKeep them in memory until AIME quits? You will need to connect again "
           "next time.")
            .arg(message),
        QMessageBox::Yes | QMessageBox::No, this);
    box->setDefaultButton(QMessageBox::Yes);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this](int result) {
        if (result == QMessageBox::Yes)
            m_accounts->keepSecretsForThisRun();
        refreshStates();
    });
    box->open();
}

void PreferencesDialog::accept()
{
    m_accounts->setSpotifyClientId(m_spotifyClientId->text());
    if (!m_spotifyClientSecret->text().isEmpty())
        m_accounts->setSpotifyClientSecret(m_spotifyClientSecret->text());
    m_spotifyClientSecret->clear();
    m_accounts->setMusicBrainzContact(m_musicBrainzContact->text());

    QMap<QString, QString> values;
    QStringList problems;
    for (auto it = m_advanced.cbegin(); it != m_advanced.cend(); ++it) {
        const QString value = it.value()->text().trimmed();
        if (value.isEmpty())
            continue;
        QString problem;
        if (it.key().endsWith(QLatin1String("_URL"))) {
            problem = ProviderConfig::baseUrlProblem(QUrl(value));
        } else {
            // The same parser reads the environment, so both accept the same values.
            QProcessEnvironment environment;
            environment.insert(it.key(), value);
            for (const Provider provider :
                 {Provider::Spotify, Provider::Discogs, Provider::MusicBrainz, Provider::Llm}) {
                if (it.key().startsWith(QLatin1String("AIME_")
                                        + ProviderConfig::environmentName(provider) + u'_'))
                    ProviderConfig::limitsFromEnvironment(
                        provider, environment, ProviderConfig::defaultLimits(provider), &problem);
            }
        }
        if (!problem.isEmpty())
            problems.append(it.key() + QLatin1String(": ") + problem);
        values.insert(it.key(), value);
    }
    m_advancedProblem->setText(problems.join(u'\n'));
    m_advancedProblem->setVisible(!problems.isEmpty());
    if (!problems.isEmpty()) {
        showAdvanced();
        return;
    }
    ProviderSettings::save(values);
    QDialog::accept();
}

} // namespace aime

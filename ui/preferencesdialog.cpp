#include "preferencesdialog.h"

#include "ai/aisettings.h"
#include "ai/descriptionservice.h"
#include "ai/llmclient.h"
#include "covers/coverdiskcache.h"
#include "credentials/accountmanager.h"
#include "credentials/credentialstore.h"
#include "providers/providerconfig.h"
#include "providers/providersettings.h"
#include "providers/spotifylogin.h"
#include "search/searchresults.h"
#include "search/searchsettings.h"

#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPointer>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
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
    return urls.value(name);
}

} // namespace

PreferencesDialog::PreferencesDialog(AccountManager *accounts, QWidget *parent)
    : QDialog(parent), m_accounts(accounts)
{
    setWindowTitle(tr("Preferences"));
    m_tabs = new QTabWidget;
    m_tabs->addTab(createAccountsPage(), tr("&Accounts"));
    m_tabs->addTab(createImportsPage(), tr("&Imports"));
    m_tabs->addTab(createSearchPage(), tr("&Search Online"));
    m_tabs->addTab(createAiPage(), tr("A&I"));
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

void PreferencesDialog::showAi()
{
    m_tabs->setCurrentIndex(m_tabs->count() - 2);
}

void PreferencesDialog::showAdvanced()
{
    m_tabs->setCurrentIndex(m_tabs->count() - 1);
}

QString PreferencesDialog::resumeAutomaticallyKey()
{
    return QStringLiteral("imports/resumeAutomatically");
}

QWidget *PreferencesDialog::createSearchPage()
{
    m_searchOrder = new QListWidget;
    m_searchOrder->setObjectName(QStringLiteral("searchProviderOrder"));
    m_searchOrder->setAccessibleName(tr("Preferred providers, first to last"));
    for (const QString &provider : SearchSettings::providerOrder()) {
        auto *item = new QListWidgetItem(SearchProviders::displayName(provider), m_searchOrder);
        item->setData(Qt::UserRole, provider);
    }
    m_searchOrder->setCurrentRow(0);
    m_searchOrder->setMaximumHeight(m_searchOrder->sizeHintForRow(0) * 4 + 8);
    auto *up = new QPushButton(tr("Move &up"));
    up->setObjectName(QStringLiteral("searchProviderUp"));
    auto *down = new QPushButton(tr("Move d&own"));
    down->setObjectName(QStringLiteral("searchProviderDown"));
    connect(up, &QPushButton::clicked, this, [this] { moveSearchProvider(-1); });
    connect(down, &QPushButton::clicked, this, [this] { moveSearchProvider(1); });
    auto *buttons = new QVBoxLayout;
    buttons->addWidget(up);
    buttons->addWidget(down);
    buttons->addStretch(1);
    auto *orderRow = new QHBoxLayout;
    orderRow->addWidget(m_searchOrder, 1);
    orderRow->addLayout(buttons);
    auto *order = new QGroupBox(tr("Preferred providers"));
    auto *orderLayout = new QVBoxLayout(order);
    orderLayout->addWidget(helpLabel(
        tr("An album that several providers know is listed once, with the preferred provider "
           "first; Add to collection takes its details from that provider.")));
    orderLayout->addLayout(orderRow);

    const QMap<QString, QString> values = ProviderSettings::load();
    const SearchTimeouts defaults;
    auto *timeouts = new QGroupBox(tr("Waiting (milliseconds)"));
    auto *form = new QFormLayout(timeouts);
    const std::pair<const char *, std::pair<QString, qint64>> fields[] = {
        {SearchSettings::providerTimeoutVariable,
         {tr("Each online provider:"), qint64(defaults.provider.count())}},
        {SearchSettings::localTimeoutVariable,
         {tr("Your collection:"), qint64(defaults.local.count())}},
        {SearchSettings::totalTimeoutVariable,
         {tr("The whole search:"), qint64(defaults.total.count())}},
    };
    for (const auto &[name, labelAndDefault] : fields) {
        const QString key = QLatin1String(name);
        QLineEdit *edit = advancedField(key, values.value(key));
        if (!ProviderSettings::isFromEnvironment(QLatin1String(name)))
            edit->setPlaceholderText(tr("%1 (default)").arg(labelAndDefault.second));
        form->addRow(labelAndDefault.first, edit);
    }

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(order);
    layout->addWidget(timeouts);
    layout->addWidget(helpLabel(tr("A provider that has not answered in time is shown as timed "
                                   "out; the others' results stand. Waiting times take effect "
                                   "the next time AIME starts.")));
    layout->addStretch(1);
    return page;
}

void PreferencesDialog::moveSearchProvider(int step)
{
    const int row = m_searchOrder->currentRow();
    const int target = row + step;
    if (row < 0 || target < 0 || target >= m_searchOrder->count())
        return;
    QListWidgetItem *item = m_searchOrder->takeItem(row);
    m_searchOrder->insertItem(target, item);
    m_searchOrder->setCurrentRow(target);
}

QWidget *PreferencesDialog::createAiPage()
{
    const QMap<QString, QString> values = ProviderSettings::load();
    QLineEdit *endpoint = advancedField(QStringLiteral("AIME_LLM_URL"),
                                        values.value(QStringLiteral("AIME_LLM_URL")));
    if (!ProviderSettings::isFromEnvironment(QStringLiteral("AIME_LLM_URL")))
        endpoint->setPlaceholderText(tr("%1 (Ollama on this computer, the default)")
                                         .arg(ProviderEndpoints().llm.toString()));

    m_aiModel = new QComboBox;
    m_aiModel->setObjectName(QStringLiteral("aiModel"));
    m_aiModel->setEditable(true);
    m_aiModel->setInsertPolicy(QComboBox::NoInsert);
    m_aiModel->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_aiModel->lineEdit()->setPlaceholderText(tr("the endpoint's first model"));
    m_aiModel->setCurrentText(AiSettings::model());
    if (AiSettings::modelFromEnvironment()) {
        m_aiModel->setEnabled(false);
        m_aiModel->setToolTip(tr("Set by AIME_LLM_MODEL in the environment"));
    }
    m_aiRefresh = new QPushButton(tr("&List models"));
    m_aiRefresh->setObjectName(QStringLiteral("aiRefreshModels"));
    connect(m_aiRefresh, &QPushButton::clicked, this, &PreferencesDialog::refreshAiModels);
    auto *modelRow = new QHBoxLayout;
    modelRow->addWidget(m_aiModel, 1);
    modelRow->addWidget(m_aiRefresh);

    m_aiApiKey = new QLineEdit;
    m_aiApiKey->setObjectName(QStringLiteral("aiApiKey"));
    m_aiApiKey->setEchoMode(QLineEdit::Password);
    m_aiApiKey->setAccessibleName(tr("API key"));
    m_aiForgetKey = new QPushButton(tr("Forget"));
    m_aiForgetKey->setObjectName(QStringLiteral("aiForgetKey"));
    const auto showKeyState = [this] {
        const bool kept = AiSettings::hasKeptApiKey();
        m_aiForgetKey->setVisible(kept);
        m_aiApiKey->setPlaceholderText(
            !AiSettings::environmentApiKey().isEmpty()
                ? tr("from the environment (AIME_LLM_API_KEY)")
                : kept ? tr("kept in %1").arg(m_accounts->credentials()->whereSecretsAre())
                       : tr("optional: Ollama needs none"));
    };
    showKeyState();
    connect(m_aiForgetKey, &QPushButton::clicked, this, [this, showKeyState] {
        m_accounts->credentials()->remove(Secret::LlmApiKey);
        AiSettings::setHasKeptApiKey(false);
        if (m_descriptions && AiSettings::environmentApiKey().isEmpty())
            m_descriptions->client()->setApiKey(QString());
        showKeyState();
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_aiApiKey, 1);
    keyRow->addWidget(m_aiForgetKey);

    m_aiState = stateLabel();
    m_aiState->setObjectName(QStringLiteral("aiState"));

    auto *form = new QFormLayout;
    form->addRow(tr("&Endpoint:"), endpoint);
    // A row that holds a layout has no buddy of its own; the mnemonic needs one.
    auto *modelLabel = new QLabel(tr("&Model:"));
    modelLabel->setBuddy(m_aiModel);
    form->addRow(modelLabel, modelRow);
    auto *keyLabel = new QLabel(tr("API &key:"));
    keyLabel->setBuddy(m_aiApiKey);
    form->addRow(keyLabel, keyRow);
    form->addRow(QString(), m_aiState);

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(helpLabel(
        tr("AIME asks an OpenAI-compatible endpoint for each album's description: Ollama on "
           "this computer by default (<code>ollama serve</code>, then <code>ollama pull "
           "llama3.2</code>), or llama.cpp's server, or a hosted service with its key. Only the "
           "album's facts are sent: artist, title, year, label, format, genres, tracks and "
           "where AIME knows it from.")));
    layout->addLayout(form);
    layout->addStretch(1);
    return page;
}

void PreferencesDialog::refreshAiModels()
{
    if (!m_descriptions)
        return;
    const QString typed = m_advanced.value(QStringLiteral("AIME_LLM_URL"))->text().trimmed();
    const QUrl base = typed.isEmpty() ? m_descriptions->client()->baseUrl() : QUrl(typed);
    const QString problem = ProviderConfig::baseUrlProblem(base);
    if (!problem.isEmpty()) {
        m_aiState->setText(problem);
        return;
    }
    m_aiRefresh->setEnabled(false);
    m_aiState->setText(tr("Asking %1…").arg(base.toString()));
    m_descriptions->availableModels(
        base, m_aiApiKey->text().trimmed(),
        [self = QPointer(this)](const QStringList &models, const QString &error) {
            if (!self)
                return;
            self->m_aiRefresh->setEnabled(true);
            if (models.isEmpty()) {
                self->m_aiState->setText(error.isEmpty() ? tr("The endpoint offers no model.")
                                                         : error);
                return;
            }
            const QString current = self->m_aiModel->currentText();
            self->m_aiModel->clear();
            self->m_aiModel->addItems(models);
            self->m_aiModel->setCurrentText(current.isEmpty() ? models.first() : current);
            self->m_aiState->setText(
                models.size() == 1
                    ? tr("The endpoint answers; it offers 1 model.")
                    : tr("The endpoint answers; it offers %1 models.").arg(models.size()));
        });
}

QWidget *PreferencesDialog::createImportsPage()
{
    m_resumeAutomatically = new QCheckBox(tr("&Resume interrupted imports when AIME starts"));
    m_resumeAutomatically->setChecked(QSettings().value(resumeAutomaticallyKey(), false).toBool());
    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_resumeAutomatically);
    layout->addWidget(helpLabel(
        tr("An import stopped by quitting, a crash or a power cut goes on where it stopped, "
           "without fetching again what it stored. Otherwise it waits in the Jobs panel (View > "
           "Jobs) for Resume or Retry.")));

    auto *covers = new QGroupBox(tr("Covers"));
    auto *coverForm = new QFormLayout(covers);
    m_coverCache = new QSpinBox;
    m_coverCache->setObjectName(QStringLiteral("coverCacheSize"));
    m_coverCache->setRange(50, 100000);
    m_coverCache->setSingleStep(50);
    m_coverCache->setSuffix(tr(" MB"));
    m_coverCache->setValue(QSettings().value(coverCacheKey(), 500).toInt());
    coverForm->addRow(tr("&Keep at most:"), m_coverCache);
    coverForm->addRow(helpLabel(tr("Each cover is downloaded once and kept in the data folder; "
                                   "beyond this size the least recently seen make room.")));
    layout->addWidget(covers);
    layout->addStretch(1);
    return page;
}

QString PreferencesDialog::coverCacheKey()
{
    return QStringLiteral("covers/cacheMegabytes");
}

QWidget *PreferencesDialog::createAccountsPage()
{
    const AccountSettings &settings = m_accounts->settings();

    auto *spotify = new QGroupBox(tr("Spotify"));
    m_spotifyClientId = new QLineEdit(settings.spotifyClientId);
    m_spotifyClientId->setPlaceholderText(tr("32 letters and digits from your Spotify app"));
    m_spotifyClientSecret = new QLineEdit;
    m_spotifyClientSecret->setEchoMode(QLineEdit::Password);
    m_spotifyForgetSecret = new QPushButton(tr("&Forget"));
    m_spotifyForgetSecret->setObjectName(QStringLiteral("forgetSpotifySecretButton"));
    m_spotifyForgetSecret->setToolTip(tr("Remove the Client Secret from the keychain."));
    connect(m_spotifyForgetSecret, &QPushButton::clicked, this, [this] {
        m_spotifyClientSecret->clear();
        m_accounts->setSpotifyClientSecret({});
    });
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
    auto *secretRow = new QHBoxLayout;
    secretRow->addWidget(m_spotifyClientSecret, 1);
    secretRow->addWidget(m_spotifyForgetSecret);
    // A row holding a layout gets no buddy from addRow(); the label needs its own.
    auto *secretLabel = new QLabel(tr("Client &Secret:"));
    secretLabel->setBuddy(m_spotifyClientSecret);
    spotifyForm->addRow(secretLabel, secretRow);
    // For when no browser opens, or the person wants another one.
    m_spotifyCopyAddress = new QPushButton(tr("Copy &address"));
    m_spotifyCopyAddress->setToolTip(
        tr("Copy the Spotify login address, to open it in a browser yourself."));
    m_spotifyCopyAddress->hide();
    connect(m_spotifyCopyAddress, &QPushButton::clicked, this, [this] {
        QGuiApplication::clipboard()->setText(m_spotifyAuthorizeUrl.toString(QUrl::FullyEncoded));
        m_spotifyState->setText(tr("Address copied; open it in your browser."));
    });
    auto *spotifyRow = new QHBoxLayout;
    spotifyRow->addWidget(m_spotifyState, 1);
    spotifyRow->addWidget(m_spotifyCopyAddress);
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

QLineEdit *PreferencesDialog::advancedField(const QString &name, const QString &value)
{
    auto *edit = new QLineEdit(value);
    edit->setObjectName(name);
    edit->setClearButtonEnabled(true);
    edit->setPlaceholderText(placeholderFor(name));
    QString tip = tr("Environment variable %1.").arg(name);
    if (ProviderSettings::isFromEnvironment(name)) {
        // The environment wins; show what is in effect rather than leave a misleading default.
        tip += u' '
            + tr("It is set to %1 and wins over this field.")
                  .arg(qEnvironmentVariable(qPrintable(name)));
        edit->setPlaceholderText(
            tr("%1 (from the environment)").arg(qEnvironmentVariable(qPrintable(name))));
    }
    edit->setToolTip(tip);
    m_advanced.insert(name, edit);
    return edit;
}

QWidget *PreferencesDialog::createAdvancedPage()
{
    const QMap<QString, QString> values = ProviderSettings::load();
    const auto field = [&](const char *name) {
        return advancedField(QLatin1String(name), values.value(QLatin1String(name)));
    };

    auto *addresses = new QGroupBox(tr("Addresses"));
    auto *addressForm = new QFormLayout(addresses);
    addressForm->addRow(tr("Spotify Web API:"), field("AIME_SPOTIFY_API_URL"));
    addressForm->addRow(tr("Spotify accounts:"), field("AIME_SPOTIFY_ACCOUNTS_URL"));
    addressForm->addRow(tr("Discogs API:"), field("AIME_DISCOGS_API_URL"));
    addressForm->addRow(tr("MusicBrainz:"), field("AIME_MUSICBRAINZ_API_URL"));
    addressForm->addRow(tr("Cover Art Archive:"), field("AIME_COVERART_URL"));

    auto *limits = new QGroupBox(tr("Limits"));
    auto *grid = new QGridLayout(limits);
    grid->addWidget(new QLabel(tr("Requests per time (N/seconds)")), 0, 1);
    grid->addWidget(new QLabel(tr("At once")), 0, 2);
    int row = 1;
    for (const Provider provider :
         {Provider::Spotify, Provider::Discogs, Provider::MusicBrainz, Provider::Llm}) {
        const QString prefix = QLatin1String("AIME_") + ProviderConfig::environmentName(provider);
        const GateLimits defaults = ProviderConfig::defaultLimits(provider);
        QLineEdit *rate = advancedField(prefix + QLatin1String("_RATE"),
                                        values.value(prefix + QLatin1String("_RATE")));
        if (!ProviderSettings::isFromEnvironment(prefix + QLatin1String("_RATE"))) {
            rate->setPlaceholderText(
                defaults.requestsPerWindow > 0
                    ? tr("%1/%2 (default)")
                          .arg(defaults.requestsPerWindow)
                          .arg(std::chrono::duration_cast<std::chrono::seconds>(defaults.window)
                                   .count())
                    : tr("paced by the provider (default)"));
        }
        QLineEdit *inFlight = advancedField(prefix + QLatin1String("_MAX_IN_FLIGHT"),
                                            values.value(prefix + QLatin1String("_MAX_IN_FLIGHT")));
        if (!ProviderSettings::isFromEnvironment(prefix + QLatin1String("_MAX_IN_FLIGHT")))
            inFlight->setPlaceholderText(tr("%1 (default)").arg(defaults.maxInFlight));
        inFlight->setMaximumWidth(140);
        const QString name
            = provider == Provider::Llm ? tr("AI endpoint") : ProviderConfig::displayName(provider);
        // A cell of the grid has no label of its own: a screen reader says row and column.
        rate->setAccessibleName(tr("%1, requests per time").arg(name));
        inFlight->setAccessibleName(tr("%1, requests at once").arg(name));
        grid->addWidget(new QLabel(name + u':'), row, 0);
        grid->addWidget(rate, row, 1);
        grid->addWidget(inFlight, row, 2);
        ++row;
    }
    grid->setColumnStretch(1, 1);

    m_advancedProblem = stateLabel();
    m_advancedProblem->setObjectName(QStringLiteral("advancedProblem"));
    m_advancedProblem->setStyleSheet(QStringLiteral("color: white; background: #b3261e; "
                                                    "padding: 6px; border-radius: 4px;"));
    m_advancedProblem->hide();

    auto *page = new QWidget;
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(helpLabel(
        tr("Where AIME reaches each provider, and how fast. Leave a field empty for the "
           "default. Plain http is accepted only for 127.0.0.1 and other loopback addresses. "
           "Environment variables of the same names (shown in each field's tooltip) win over "
           "these. Changes take effect the next time AIME starts.")));
    layout->addWidget(m_advancedProblem);
    layout->addWidget(addresses);
    layout->addWidget(limits);
    layout->addStretch(1);
    return page;
}

void PreferencesDialog::refreshStates()
{
    const AccountSettings &settings = m_accounts->settings();
    m_spotifyCopyAddress->setVisible(m_spotifyLoginRunning);
    const bool secretKept = settings.spotifyHasClientSecret;
    m_spotifyForgetSecret->setVisible(secretKept);
    m_spotifyClientSecret->setPlaceholderText(
        secretKept ? tr("kept in %1").arg(m_accounts->credentials()->whereSecretsAre())
                   : tr("optional: search without connecting"));
    if (m_spotifyLoginRunning) {
        m_spotifyState->setText(tr("Waiting for the browser…"));
        m_spotifyConnect->setText(tr("Cancel"));
    } else if (m_accounts->isSpotifyConnected()) {
        m_spotifyState->setText(tr("Connected as %1").arg(settings.spotifyUser));
        m_spotifyConnect->setText(tr("&Disconnect"));
    } else {
        m_spotifyState->setText(m_accounts->spotifyCanSearchWithoutUser()
                                    ? tr("Not connected; search works with the Client Secret")
                                    : tr("Not connected"));
        m_spotifyConnect->setText(tr("&Connect…"));
    }
    m_spotifyConnect->setEnabled(m_spotifyLoginRunning || m_accounts->isSpotifyConnected()
                                 || !m_spotifyClientId->text().trimmed().isEmpty()
                                 || !m_accounts->environmentSpotifyClientId().isEmpty());
    if (!m_accounts->environmentSpotifyClientId().isEmpty()) {
        m_spotifyClientId->setPlaceholderText(
            tr("%1 (from the environment)").arg(m_accounts->environmentSpotifyClientId()));
    }
    if (!m_spotifyLoginRunning) {
        connect(m_spotifyClientId, &QLineEdit::textChanged, this, &PreferencesDialog::refreshStates,
                Qt::UniqueConnection);
    }

    const bool discogsConnected = settings.discogsHasToken && !settings.discogsUser.isEmpty();
    if (m_discogsVerifying) {
        m_discogsState->setText(tr("Checking the token…"));
        m_discogsVerify->setEnabled(false);
    } else {
        const QString fromEnvironment = m_accounts->environmentDiscogsUser();
        if (discogsConnected)
            m_discogsState->setText(tr("Connected as %1").arg(settings.discogsUser));
        else if (!fromEnvironment.isEmpty())
            m_discogsState->setText(tr("Using AIME_DISCOGS_TOKEN for %1 from the environment "
                                       "(not stored)")
                                        .arg(fromEnvironment));
        else
            m_discogsState->setText(tr("Not connected"));
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
    if (!m_spotifyClientId->text().trimmed().isEmpty())
        m_accounts->setSpotifyClientId(m_spotifyClientId->text());
    QString problem;
    SpotifyLogin *login = m_accounts->connectSpotify(&problem);
    if (!login) {
        m_spotifyState->setText(problem);
        return;
    }
    m_spotifyLoginRunning = true;
    m_spotifyAuthorizeUrl = login->authorizeUrl();
    refreshStates();
    if (!QDesktopServices::openUrl(m_spotifyAuthorizeUrl))
        m_spotifyState->setText(tr("No browser opened: copy the address and open it yourself."));
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
    if (!m_spotifyClientId->text().trimmed().isEmpty()
        || m_accounts->environmentSpotifyClientId().isEmpty())
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
        } else if (it.key().startsWith(QLatin1String("AIME_SEARCH_"))) {
            QProcessEnvironment environment;
            environment.insert(it.key(), value);
            SearchSettings::timeoutsFromEnvironment(environment, &problem);
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
        // The waiting times are on the Search Online page; the message says so.
        if (!problem.isEmpty())
            problems.append((it.key().startsWith(QLatin1String("AIME_SEARCH_"))
                                 ? tr("Search Online page, %1").arg(it.key())
                                 : it.key())
                            + QLatin1String(": ") + problem);
        values.insert(it.key(), value);
    }
    m_advancedProblem->setText(problems.join(u'\n'));
    m_advancedProblem->setVisible(!problems.isEmpty());
    if (!problems.isEmpty()) {
        showAdvanced();
        return;
    }
    ProviderSettings::save(values);
    if (!AiSettings::modelFromEnvironment())
        AiSettings::setModel(m_aiModel->currentText());
    const QString apiKey = m_aiApiKey->text().trimmed();
    m_aiApiKey->clear();
    if (!apiKey.isEmpty()) {
        m_accounts->credentials()->write(Secret::LlmApiKey, apiKey, [](const SecretResult &result) {
            if (result.ok())
                AiSettings::setHasKeptApiKey(true);
            else
                qWarning().noquote() << "The AI endpoint's key is used for this run but could "
                                        "not be kept in the keychain:"
                                     << result.message;
        });
    }
    if (m_descriptions) {
        // The AI settings apply at once; the other addresses at the next start.
        m_descriptions->setModel(AiSettings::model());
        if (!apiKey.isEmpty() && AiSettings::environmentApiKey().isEmpty())
            m_descriptions->client()->setApiKey(apiKey);
        const QString endpoint = values.value(QStringLiteral("AIME_LLM_URL"));
        if (!ProviderSettings::isFromEnvironment(QStringLiteral("AIME_LLM_URL")))
            m_descriptions->client()->setBaseUrl(endpoint.isEmpty() ? ProviderEndpoints().llm
                                                                    : QUrl(endpoint));
    }
    QStringList order;
    for (int row = 0; row < m_searchOrder->count(); ++row)
        order.append(m_searchOrder->item(row)->data(Qt::UserRole).toString());
    SearchSettings::setProviderOrder(order);
    QSettings().setValue(resumeAutomaticallyKey(), m_resumeAutomatically->isChecked());
    QSettings().setValue(coverCacheKey(), m_coverCache->value());
    // Applied at once: files beyond the new limit go now.
    if (m_coverDisk)
        m_coverDisk->setLimit(qint64(m_coverCache->value()) * 1024 * 1024);
    QDialog::accept();
}

} // namespace aime

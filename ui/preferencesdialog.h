#pragma once

#include <QDialog>
#include <QMap>
#include <QUrl>

class QCheckBox;
class QSpinBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QListWidget;
class QTabWidget;

namespace aime {

class AccountManager;
class CoverDiskCache;
class DescriptionService;

// Preferences: Accounts (Spotify, Discogs, MusicBrainz, each with its state) and Advanced (base
// URLs and limits per provider). Secrets go straight to the AccountManager, which keeps them in
// the keychain; nothing secret is kept by the dialog after it closes.
class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(AccountManager *accounts, QWidget *parent = nullptr);
    ~PreferencesDialog() override;

    // Preferences > AI lists the endpoint's models and applies the model and key through it.
    void setDescriptionService(DescriptionService *descriptions) { m_descriptions = descriptions; }
    // The covers' disk cache, whose size limit Preferences > Imports sets (at once).
    void setCoverDiskCache(CoverDiskCache *covers) { m_coverDisk = covers; }
    // The QSettings key of the cover cache's size in megabytes (default 500).
    static QString coverCacheKey();
    QSpinBox *coverCacheBox() const { return m_coverCache; }

    void showAccounts();
    void showAi();
    void showAdvanced();
    // The QSettings key of "Resume interrupted imports when AIME starts" (default off).
    static QString resumeAutomaticallyKey();

    // For tests and screenshots.
    QLineEdit *spotifyClientIdEdit() const { return m_spotifyClientId; }
    QPushButton *spotifyConnectButton() const { return m_spotifyConnect; }
    QPushButton *spotifyCopyAddressButton() const { return m_spotifyCopyAddress; }
    QPushButton *spotifyForgetSecretButton() const { return m_spotifyForgetSecret; }
    QLineEdit *spotifyClientSecretEdit() const { return m_spotifyClientSecret; }
    QLabel *spotifyStateLabel() const { return m_spotifyState; }
    QLineEdit *discogsUserEdit() const { return m_discogsUser; }
    QLineEdit *discogsTokenEdit() const { return m_discogsToken; }
    QPushButton *discogsVerifyButton() const { return m_discogsVerify; }
    QLabel *discogsStateLabel() const { return m_discogsState; }
    QLineEdit *advancedEdit(const QString &name) const { return m_advanced.value(name); }
    QLabel *advancedProblemLabel() const { return m_advancedProblem; }
    QCheckBox *resumeAutomaticallyBox() const { return m_resumeAutomatically; }
    QComboBox *aiModelBox() const { return m_aiModel; }
    QLineEdit *aiApiKeyEdit() const { return m_aiApiKey; }
    QPushButton *aiRefreshButton() const { return m_aiRefresh; }
    QLabel *aiStateLabel() const { return m_aiState; }

public Q_SLOTS:
    void accept() override;

private:
    QWidget *createAccountsPage();
    QWidget *createAdvancedPage();
    QWidget *createImportsPage();
    QWidget *createSearchPage();
    QWidget *createAiPage();
    void refreshAiModels();
    void moveSearchProvider(int step);
    QLineEdit *advancedField(const QString &name, const QString &value);
    void refreshStates();
    void connectOrDisconnectSpotify();
    void verifyOrDisconnectDiscogs();
    void askToKeepForThisRun(const QString &message);

    AccountManager *m_accounts;
    QTabWidget *m_tabs = nullptr;
    QLineEdit *m_spotifyClientId = nullptr;
    QLineEdit *m_spotifyClientSecret = nullptr;
    QLabel *m_spotifyState = nullptr;
    QPushButton *m_spotifyConnect = nullptr;
    QPushButton *m_spotifyCopyAddress = nullptr;
    QPushButton *m_spotifyForgetSecret = nullptr;
    QUrl m_spotifyAuthorizeUrl;
    QLineEdit *m_discogsUser = nullptr;
    QLineEdit *m_discogsToken = nullptr;
    QLabel *m_discogsState = nullptr;
    QPushButton *m_discogsVerify = nullptr;
    QLineEdit *m_musicBrainzContact = nullptr;
    QLabel *m_secretsLocation = nullptr;
    QCheckBox *m_resumeAutomatically = nullptr;
    QListWidget *m_searchOrder = nullptr;
    QSpinBox *m_coverCache = nullptr;
    CoverDiskCache *m_coverDisk = nullptr;
    DescriptionService *m_descriptions = nullptr;
    QComboBox *m_aiModel = nullptr;
    QLineEdit *m_aiApiKey = nullptr;
    QPushButton *m_aiRefresh = nullptr;
    QPushButton *m_aiForgetKey = nullptr;
    QLabel *m_aiState = nullptr;
    QLabel *m_advancedProblem = nullptr;
    QMap<QString, QLineEdit *> m_advanced;
    bool m_spotifyLoginRunning = false;
    bool m_discogsVerifying = false;
    bool m_askedAboutKeychain = false;
};

} // namespace aime

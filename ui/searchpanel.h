#pragma once

#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QModelIndex;
class QPushButton;
class QTreeView;

namespace aime {

class SearchResultDelegate;
class SearchResultModel;

// Search Online (Ctrl+Shift+F): one query field and the results grouped by provider as they
// arrive. Typing waits 300 ms before searching (Enter searches at once) and every new search
// cancels the one before. "Add to collection" (button, Enter or double-click on a result)
// imports the album as a small job; a group that needs an account opens Preferences.
class SearchPanel : public QWidget
{
    Q_OBJECT

public:
    static constexpr int debounceMs = 300;

    explicit SearchPanel(SearchResultModel *model, QWidget *parent = nullptr);

    // Puts text in the query field and searches at once.
    void search(const QString &text);
    QLineEdit *queryField() const { return m_query; }
    QTreeView *resultsView() const { return m_view; }
    QPushButton *addButton() const { return m_add; }

Q_SIGNALS:
    void preferencesRequested();
    // A result that is in the collection was activated: show that album.
    void albumRequested(qint64 albumId);
    void message(const QString &text);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void activate(const QModelIndex &index);
    void addCurrent();
    void openCurrentPage();
    void updateButtons();
    void updateSummary();
    void spanGroups();

    SearchResultModel *m_model;
    QLineEdit *m_query;
    QTreeView *m_view;
    SearchResultDelegate *m_delegate;
    QPushButton *m_add;
    QPushButton *m_open;
    QLabel *m_summary;
    QTimer m_debounce;
    QTimer m_spinner;
    int m_spinnerFrame = 0;
};

} // namespace aime

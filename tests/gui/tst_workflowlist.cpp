// The workflow list dock as the user sees it: the workflows folder, followed as other
// programs change it, filtered in any script; import of JSON and ComfyUI PNGs with messages
// a user understands; duplicate, rename and delete through the actions and keys, with the
// questions answered by the test (injected) or through the real dialogs.
#include "workflowlistdock.h"
#include "workflowlistmodel.h"
#include "workflowlistview.h"
#include "workflownamedialog.h"
#include "workflowstore.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QBuffer>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrl>

#include <memory>
#include <optional>

namespace {

const QByteArray Graph = R"({"1": {"class_type": "EmptyImage", "inputs": {"width": 8}}})";
const QByteArray UiFormat = R"({"last_node_id": 2, "nodes": [], "links": []})";

void writeFile(const QString &path, const QByteArray &data)
{
    QFile file(path);
    QVERIFY2(file.open(QIODevice::WriteOnly | QIODevice::Truncate), qPrintable(path));
    QCOMPARE(file.write(data), data.size());
}

QByteArray pngWith(const QMap<QString, QString> &texts)
{
    QImage image(4, 4, QImage::Format_RGB32);
    image.fill(Qt::darkCyan);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    for (auto it = texts.cbegin(); it != texts.cend(); ++it)
        writer.setText(it.key(), it.value());
    writer.write(image);
    return bytes;
}

// What the list shows, top to bottom (the filter applied), one entry per row.
QStringList shown(const WorkflowListDock &dock)
{
    const auto *view = dock.findChild<QListView *>(QStringLiteral("workflowList"));
    QStringList rows;
    for (int row = 0; row < view->model()->rowCount(); ++row)
        rows.append(view->model()->index(row, 0).data().toString());
    return rows;
}

// Answers the next modal dialog of type T once it is up (inside its exec()), with answer.
// A dialog that never comes, or stays after the answer, is closed after a few seconds so a
// failing test fails instead of hanging.
template<typename T>
void answerModal(QObject *context, std::function<void(T *)> answer)
{
    auto *poll = new QTimer(context);
    poll->setInterval(10);
    auto ticks = std::make_shared<int>(0);
    QObject::connect(poll, &QTimer::timeout, context, [poll, ticks, answer] {
        QWidget *modal = QApplication::activeModalWidget();
        if (auto *dialog = qobject_cast<T *>(modal)) {
            poll->stop();
            poll->deleteLater();
            answer(dialog);
            return;
        }
        if (++*ticks > 500) {
            poll->stop();
            poll->deleteLater();
            if (modal)
                modal->close();
        }
    });
    poll->start();
}

} // namespace

class TestWorkflowList : public QObject
{
    Q_OBJECT

private:
    // A dock on a fresh folder holding two of the sample workflows; every dialog answered
    // from the members below.
    struct Fixture
    {
        QTemporaryDir dir;
        QMainWindow window;
        WorkflowListDock *dock = nullptr;
        QLineEdit *filter = nullptr;
        WorkflowListView *view = nullptr;
        std::optional<QString> nameAnswer;
        std::function<QString(const QString &)> lastValidator;
        bool confirmAnswer = true;
        QStringList questions;
        QStringList problems;
        QList<QUrl> openedUrls;
        std::unique_ptr<QAbstractItemModelTester> modelTester;
        std::unique_ptr<QAbstractItemModelTester> viewModelTester;

        QString path(const QString &name) const { return dir.filePath(name + ".json"); }
    };

    std::unique_ptr<Fixture> makeFixture(bool withSamples = true)
    {
        auto f = std::make_unique<Fixture>();
        if (withSamples) {
            for (const char *sample : {"sd_txt2img", "blur_batch"}) {
                const QString name = QString::fromLatin1(sample);
                const QString source = QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/")
                                       + name + QStringLiteral(".json");
                if (!QFile::copy(source, f->path(name)))
                    return nullptr;
            }
        }
        f->dock = new WorkflowListDock(&f->window);
        f->window.addDockWidget(Qt::LeftDockWidgetArea, f->dock);
        WorkflowListDock::Dialogs dialogs;
        Fixture *raw = f.get();
        dialogs.askName = [raw](const QString &, const QString &, const QString &,
                                const std::function<QString(const QString &)> &validate) {
            raw->lastValidator = validate;
            return raw->nameAnswer;
        };
        dialogs.confirmRemove = [raw](const QString &question) {
            raw->questions.append(question);
            return raw->confirmAnswer;
        };
        dialogs.showProblem = [raw](const QString &problem) { raw->problems.append(problem); };
        dialogs.openUrl = [raw](const QUrl &url) {
            raw->openedUrls.append(url);
            return true;
        };
        f->dock->setDialogs(dialogs);
        f->dock->setFolder(f->dir.path());
        f->filter = f->dock->findChild<QLineEdit *>(QStringLiteral("workflowFilter"));
        f->view = f->dock->findChild<WorkflowListView *>(QStringLiteral("workflowList"));
        f->modelTester = std::make_unique<QAbstractItemModelTester>(
            f->dock->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        f->viewModelTester = std::make_unique<QAbstractItemModelTester>(
            f->view->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        return f;
    }

    static bool showWindow(Fixture &f)
    {
        f.window.resize(480, 360);
        f.window.show();
        f.window.activateWindow();
        return QTest::qWaitForWindowActive(&f.window);
    }

private Q_SLOTS:
    void listsTheFolderSorted()
    {
        auto f = makeFixture();
        QVERIFY(f);
        writeFile(f->path(QStringLiteral("Alpha")), Graph);
        writeFile(f->dir.filePath(QStringLiteral("notes.txt")), "not a workflow");
        f->dock->setFolder(f->dir.path());
        QCOMPARE(f->dock->objectName(), QStringLiteral("workflowDock"));
        QCOMPARE(f->dock->windowTitle(), QStringLiteral("Workflows"));
        QCOMPARE(f->dock->folder(), f->dir.path());
        QCOMPARE(shown(*f->dock), QStringList({"Alpha", "blur_batch", "sd_txt2img"}));
        QVERIFY(!f->view->isShowingEmptyText());
        // Checked in the background: valid until proven otherwise, then known.
        QVERIFY(f->dock->canOpen(QStringLiteral("sd_txt2img")));
        QTRY_COMPARE(f->dock->model()->kindOf(QStringLiteral("sd_txt2img")),
                     WorkflowListModel::Kind::Valid);
        QVERIFY(f->dock->canOpen(QStringLiteral("sd_txt2img")));
        QVERIFY(!f->dock->canOpen(QStringLiteral("notes")));
        const QModelIndex first = f->view->model()->index(0, 0);
        QVERIFY(first.data(Qt::ToolTipRole).toString().contains(
            QDir::toNativeSeparators(f->path(QStringLiteral("Alpha")))));
        QCOMPARE(f->dock->currentName(), QString());
    }

    void followsChangesMadeOutsideTheApp()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QSignalSpy removed(f->dock, &WorkflowListDock::workflowRemoved);
        writeFile(f->path(QStringLiteral("from outside")), Graph);
        QTRY_COMPARE(shown(*f->dock),
                     QStringList({"blur_batch", "from outside", "sd_txt2img"}));

        QVERIFY(f->dock->selectWorkflow(QStringLiteral("blur_batch")));
        QVERIFY(QFile::remove(f->path(QStringLiteral("blur_batch"))));
        QTRY_COMPARE(shown(*f->dock), QStringList({"from outside", "sd_txt2img"}));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toString(), QStringLiteral("blur_batch"));
        // The selection moves on to the neighbour, like in a file manager.
        QCOMPARE(f->dock->currentName(), QStringLiteral("from outside"));
    }

    void reportsFilesRewrittenOutsideTheApp()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QSignalSpy changed(f->dock, &WorkflowListDock::workflowFileChanged);
        QTRY_COMPARE(f->dock->model()->kindOf(QStringLiteral("blur_batch")),
                     WorkflowListModel::Kind::Valid);
        writeFile(f->path(QStringLiteral("blur_batch")), Graph + "\n");
        QTRY_VERIFY(!changed.isEmpty());
        QCOMPARE(changed.constLast().at(0).toString(), QStringLiteral("blur_batch"));

        // Rewritten as a UI save: still listed, now greyed with the note.
        writeFile(f->path(QStringLiteral("blur_batch")), UiFormat);
        QTRY_COMPARE(f->dock->model()->kindOf(QStringLiteral("blur_batch")),
                     WorkflowListModel::Kind::UiFormat);
        QVERIFY(!f->dock->canOpen(QStringLiteral("blur_batch")));
    }

    void filtersInAnyScript()
    {
        auto f = makeFixture();
        QVERIFY(f);
        writeFile(f->path(QStringLiteral("猫咪")), Graph);
        writeFile(f->path(QStringLiteral("Café crème")), Graph);
        QTRY_COMPARE(shown(*f->dock).size(), 4);
        QVERIFY(shown(*f->dock).contains(QStringLiteral("猫咪")));

        QVERIFY(f->dock->selectWorkflow(QStringLiteral("blur_batch")));
        QSignalSpy current(f->dock, &WorkflowListDock::currentWorkflowChanged);
        QTest::keyClicks(f->filter, QStringLiteral("TXT"));
        QCOMPARE(shown(*f->dock), QStringList{"sd_txt2img"});
        // Filtering is not choosing: the editor keeps its workflow.
        QCOMPARE(f->dock->currentName(), QStringLiteral("blur_batch"));
        QCOMPARE(current.count(), 0);

        f->filter->setText(QStringLiteral("猫"));
        QCOMPARE(shown(*f->dock), QStringList{"猫咪"});
        f->filter->setText(QStringLiteral("cafe CREME"));
        QCOMPARE(shown(*f->dock), QStringList{"Café crème"});
        f->filter->setText(QStringLiteral("ｃａｆé")); // full-width, as CJK input gives it
        QCOMPARE(shown(*f->dock), QStringList{"Café crème"});

        f->filter->setText(QStringLiteral("nothing like it"));
        QVERIFY(shown(*f->dock).isEmpty());
        QVERIFY(f->view->isShowingEmptyText());
        QVERIFY(f->view->emptyText().contains(QStringLiteral("nothing like it")));

        f->filter->clear();
        QCOMPARE(shown(*f->dock).size(), 4);
        QCOMPARE(f->view->currentIndex().data().toString(), QStringLiteral("blur_batch"));
        QVERIFY(f->view->selectionModel()->isSelected(f->view->currentIndex()));
        QCOMPARE(current.count(), 0);

        // Selecting a hidden workflow shows it.
        f->filter->setText(QStringLiteral("txt"));
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("猫咪")));
        QCOMPARE(f->filter->text(), QString());
        QCOMPARE(f->dock->currentName(), QStringLiteral("猫咪"));
        QCOMPARE(current.count(), 1);
        QVERIFY(!f->dock->selectWorkflow(QStringLiteral("no such")));
    }

    void listsUiFormatFilesWithANote()
    {
        auto f = makeFixture();
        QVERIFY(f);
        writeFile(f->path(QStringLiteral("ui save")), UiFormat);
        writeFile(f->path(QStringLiteral("broken")), "{\"1\": ");
        f->dock->setFolder(f->dir.path());
        QCOMPARE(shown(*f->dock).size(), 4);
        QTRY_COMPARE(f->dock->model()->kindOf(QStringLiteral("ui save")),
                     WorkflowListModel::Kind::UiFormat);
        QTRY_COMPARE(f->dock->model()->kindOf(QStringLiteral("broken")),
                     WorkflowListModel::Kind::Broken);
        const int row = f->dock->model()->rowOf(QStringLiteral("ui save"));
        const QModelIndex index = f->dock->model()->index(row);
        QCOMPARE(index.data().toString(),
                 QStringLiteral("ui save\nUI format: open it in ComfyUI and use Export (API)"));
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Export (API)")));
        QVERIFY(index.data(Qt::AccessibleTextRole).toString().contains(
            QStringLiteral("Export (API)")));
        QVERIFY(index.data(Qt::ForegroundRole).isValid()); // greyed
        QVERIFY(f->dock->model()->index(f->dock->model()->rowOf(QStringLiteral("broken")))
                    .data()
                    .toString()
                    .contains(QStringLiteral("Not valid JSON (line 1")));

        QSignalSpy status(f->dock, &WorkflowListDock::statusMessage);
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("ui save")));
        QCOMPARE(f->dock->currentName(), QStringLiteral("ui save"));
        QCOMPARE(status.count(), 1);
        QVERIFY(status.at(0).at(0).toString().contains(QStringLiteral("Export (API)")));
        QVERIFY(f->dock->renameAction()->isEnabled()); // it can still be renamed or deleted
    }

    void aBigFolderIsListedAtOnceAndCheckedInTheBackground()
    {
        auto f = makeFixture(false);
        QVERIFY(f);
        const QByteArray sample = [] {
            QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/sd_txt2img.json"));
            return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
        }();
        QVERIFY(!sample.isEmpty());
        constexpr int Count = 400;
        for (int i = 0; i < Count; ++i)
            writeFile(f->path(QStringLiteral("flow %1").arg(i, 3, 10, QLatin1Char('0'))), sample);
        writeFile(f->path(QStringLiteral("flow 200 ui")), UiFormat);

        // Rows are there when setFolder returns; their kinds come from the thread pool.
        f->dock->setFolder(f->dir.path());
        QCOMPARE(f->dock->workflowNames().size(), Count + 1);
        // Generous: sanitizer and valgrind runs parse 400 files many times slower.
        constexpr int Timeout = 60000;
        QTRY_COMPARE_WITH_TIMEOUT(f->dock->model()->kindOf(QStringLiteral("flow 200 ui")),
                                  WorkflowListModel::Kind::UiFormat, Timeout);
        QTRY_COMPARE_WITH_TIMEOUT(f->dock->model()->kindOf(QStringLiteral("flow 399")),
                                  WorkflowListModel::Kind::Valid, Timeout);
    }

    void emptyFolderShowsWhatToDo()
    {
        auto f = makeFixture(false);
        QVERIFY(f);
        const QString missing = f->dir.filePath(QStringLiteral("not yet"));
        f->dock->setFolder(missing);
        QVERIFY(shown(*f->dock).isEmpty());
        QVERIFY(f->view->isShowingEmptyText());
        const QString noWorkflows =
            QStringLiteral("No workflows yet. Import a ComfyUI API-format JSON or a PNG made by "
                           "ComfyUI, or drop it here.");
        QCOMPARE(f->view->emptyText(), noWorkflows);
        QVERIFY(f->view->accessibleDescription().contains(f->view->emptyText()));
        QVERIFY(!f->dock->duplicateAction()->isEnabled());
        QVERIFY(!f->dock->removeAction()->isEnabled());

        // The folder appears later, with a workflow in it.
        QVERIFY(QDir().mkpath(missing));
        writeFile(missing + QStringLiteral("/first.json"), Graph);
        QTRY_COMPARE(shown(*f->dock), QStringList{"first"});
        QVERIFY(!f->view->isShowingEmptyText());
        QVERIFY(!f->view->accessibleDescription().contains(QStringLiteral("No workflows")));

        // Painting the hint must work on an empty list too.
        QVERIFY(QFile::remove(missing + QStringLiteral("/first.json")));
        QTRY_VERIFY(f->view->isShowingEmptyText());
        QCOMPARE(f->view->emptyText(), noWorkflows);
        QVERIFY(showWindow(*f));
        QVERIFY(!f->view->viewport()->grab().isNull());
    }

    void importsAPngAndSelectsIt()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QTemporaryDir downloads;
        const QString png = downloads.filePath(QStringLiteral("ComfyUI_00042_.png"));
        writeFile(png, pngWith({{QStringLiteral("prompt"), QString::fromUtf8(Graph)},
                                {QStringLiteral("workflow"), QString::fromUtf8(UiFormat)}}));
        QSignalSpy current(f->dock, &WorkflowListDock::currentWorkflowChanged);
        QSignalSpy status(f->dock, &WorkflowListDock::statusMessage);

        const WorkflowListDock::ImportOutcome outcome = f->dock->importFiles({png});
        QVERIFY2(outcome.isOk(), qPrintable(outcome.message()));
        QCOMPARE(outcome.imported, QStringList{"ComfyUI_00042_"});
        QVERIFY(f->problems.isEmpty());
        QVERIFY(QFile::exists(f->path(QStringLiteral("ComfyUI_00042_"))));
        QVERIFY(shown(*f->dock).contains(QStringLiteral("ComfyUI_00042_")));
        QCOMPARE(f->dock->currentName(), QStringLiteral("ComfyUI_00042_"));
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.at(0).at(0).toString(), QStringLiteral("ComfyUI_00042_"));
        QCOMPARE(status.constLast().at(0).toString(),
                 QStringLiteral("Imported “ComfyUI_00042_”"));
        QVERIFY(WorkflowStore(f->dir.path()).load(QStringLiteral("ComfyUI_00042_")).isOk());

        // The same file again gets a name of its own.
        QCOMPARE(f->dock->importFiles({png}).imported, QStringList{"ComfyUI_00042_ (2)"});
        QCOMPARE(f->dock->currentName(), QStringLiteral("ComfyUI_00042_ (2)"));
    }

    void importExplainsWhatIsWrong()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QTemporaryDir downloads;
        const QString ui = downloads.filePath(QStringLiteral("my flow.json"));
        writeFile(ui, UiFormat);
        const QString bare = downloads.filePath(QStringLiteral("photo.png"));
        writeFile(bare, pngWith({}));
        const QString uiPng = downloads.filePath(QStringLiteral("ui only.png"));
        writeFile(uiPng, pngWith({{QStringLiteral("workflow"), QString::fromUtf8(UiFormat)}}));
        const QStringList before = f->dock->workflowNames();

        WorkflowListDock::ImportOutcome outcome = f->dock->importFiles({ui});
        QVERIFY(outcome.imported.isEmpty());
        QCOMPARE(outcome.problems.size(), 1);
        QVERIFY2(outcome.message().contains(QStringLiteral("Export (API)")),
                 qPrintable(outcome.message()));
        QVERIFY(outcome.message().contains(QStringLiteral("“my flow.json”")));
        QCOMPARE(f->problems, QStringList{outcome.message()}); // shown to the user
        QCOMPARE(f->dock->workflowNames(), before);

        outcome = f->dock->importFiles({bare});
        QCOMPARE(outcome.problems,
                 QStringList{"“photo.png” is a PNG without a ComfyUI workflow: it has no "
                             "“prompt” text. Only images saved by ComfyUI carry one."});
        outcome = f->dock->importFiles({uiPng});
        QVERIFY(outcome.message().contains(QStringLiteral("Export (API)")));
        QCOMPARE(f->dock->workflowNames(), before);

        // A good file among bad ones is still imported and selected.
        const QString good = downloads.filePath(QStringLiteral("good.json"));
        writeFile(good, Graph);
        outcome = f->dock->importFiles({ui, good});
        QCOMPARE(outcome.imported, QStringList{"good"});
        QCOMPARE(outcome.problems.size(), 1);
        QCOMPARE(f->dock->currentName(), QStringLiteral("good"));
    }

    void dropsOnTheDockImport()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QTemporaryDir downloads;
        const QString file = downloads.filePath(QStringLiteral("dropped.json"));
        writeFile(file, Graph);
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(file), QUrl(QStringLiteral("https://example.org/x"))});
        QCOMPARE(WorkflowListDock::importablePaths(&mime), QStringList{file});

        QDragEnterEvent enter(QPoint(5, 5), Qt::CopyAction, &mime, Qt::LeftButton,
                              Qt::NoModifier);
        QApplication::sendEvent(f->dock, &enter);
        QVERIFY(enter.isAccepted());
        QDropEvent drop(QPointF(5, 5), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
        QApplication::sendEvent(f->dock, &drop);
        QVERIFY(drop.isAccepted());
        QTRY_COMPARE(f->dock->currentName(), QStringLiteral("dropped"));

        QMimeData text;
        text.setText(QStringLiteral("hello"));
        QDragEnterEvent refused(QPoint(5, 5), Qt::CopyAction, &text, Qt::LeftButton,
                                Qt::NoModifier);
        refused.setAccepted(false);
        QApplication::sendEvent(f->dock, &refused);
        QVERIFY(!refused.isAccepted());
    }

    void duplicateRenameDeleteThroughActionsAndKeys()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QVERIFY(showWindow(*f));
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("sd_txt2img")));
        f->view->setFocus();
        QTRY_VERIFY(f->view->hasFocus());
        QSignalSpy renamed(f->dock, &WorkflowListDock::workflowRenamed);
        QSignalSpy removed(f->dock, &WorkflowListDock::workflowRemoved);
        QSignalSpy current(f->dock, &WorkflowListDock::currentWorkflowChanged);

        // Duplicate (Ctrl+D): the copy is written byte for byte and selected.
        f->nameAnswer = QStringLiteral("sd 副本");
        QTest::keyClick(f->view, Qt::Key_D, Qt::ControlModifier);
        QVERIFY(QFile::exists(f->path(QStringLiteral("sd 副本"))));
        QCOMPARE(f->dock->currentName(), QStringLiteral("sd 副本"));
        QCOMPARE(shown(*f->dock), QStringList({"blur_batch", "sd 副本", "sd_txt2img"}));
        // The question checks names with core's rules, and against the folder.
        QVERIFY(f->lastValidator);
        QVERIFY(!f->lastValidator(QStringLiteral("a/b")).isEmpty());
        QVERIFY(!f->lastValidator(QStringLiteral("")).isEmpty());
        QCOMPARE(f->lastValidator(QStringLiteral("blur_batch")),
                 QStringLiteral("A workflow named “blur_batch” already exists."));
        QCOMPARE(f->lastValidator(QStringLiteral("fine")), QString());

        // Rename (F2), with unsaved edits that follow the new name.
        f->dock->setWorkflowModified(QStringLiteral("sd 副本"), true);
        current.clear();
        f->nameAnswer = QStringLiteral("a portrait");
        QTest::keyClick(f->view, Qt::Key_F2);
        QCOMPARE(renamed.count(), 1);
        QCOMPARE(renamed.at(0), (QVariantList{"sd 副本", "a portrait"}));
        QVERIFY(!QFile::exists(f->path(QStringLiteral("sd 副本"))));
        QVERIFY(QFile::exists(f->path(QStringLiteral("a portrait"))));
        QCOMPARE(f->dock->currentName(), QStringLiteral("a portrait"));
        QCOMPARE(f->view->currentIndex().data(WorkflowListModel::NameRole).toString(),
                 QStringLiteral("a portrait"));
        QVERIFY(f->dock->isWorkflowModified(QStringLiteral("a portrait")));
        QCOMPARE(current.count(), 0); // a rename, not another workflow
        QCOMPARE(removed.count(), 0);
        QCOMPARE(shown(*f->dock), QStringList({"• a portrait", "blur_batch", "sd_txt2img"}));

        // Cancelled questions change nothing.
        f->nameAnswer.reset();
        QVERIFY(!f->dock->renameCurrent());
        f->confirmAnswer = false;
        QTest::keyClick(f->view, Qt::Key_Delete);
        QCOMPARE(f->questions.size(), 1);
        QVERIFY(f->questions.constFirst().contains(QStringLiteral("“a portrait”")));
        QVERIFY(f->questions.constFirst().contains(QStringLiteral("unsaved")));
        QVERIFY(QFile::exists(f->path(QStringLiteral("a portrait"))));

        // Delete (Del), confirmed with the name.
        f->confirmAnswer = true;
        QTest::keyClick(f->view, Qt::Key_Delete);
        QVERIFY(!QFile::exists(f->path(QStringLiteral("a portrait"))));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toString(), QStringLiteral("a portrait"));
        QCOMPARE(shown(*f->dock), QStringList({"blur_batch", "sd_txt2img"}));
        QCOMPARE(f->dock->currentName(), QStringLiteral("blur_batch"));

        // Let the watcher catch up: its late report must change nothing.
        QTest::qWait(0);
        QCoreApplication::processEvents();
        QCOMPARE(shown(*f->dock), QStringList({"blur_batch", "sd_txt2img"}));
        QCOMPARE(removed.count(), 1);
        QVERIFY(f->problems.isEmpty());
    }

    void refusedOperationsSayWhy()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("blur_batch")));
        // Someone else takes the name between the question and the rename.
        f->nameAnswer = QStringLiteral("sd_txt2img");
        QVERIFY(!f->dock->renameCurrent());
        QCOMPARE(f->problems,
                 QStringList{"“blur_batch” could not be renamed: a workflow with that name "
                             "already exists"});
        QVERIFY(QFile::exists(f->path(QStringLiteral("blur_batch"))));
    }

    void enterOpensTheWorkflow()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QVERIFY(showWindow(*f));
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("blur_batch")));
        f->view->setFocus();
        QSignalSpy activated(f->dock, &WorkflowListDock::workflowActivated);
        QTest::keyClick(f->view, Qt::Key_Return);
        QCOMPARE(activated.count(), 1);
        QCOMPARE(activated.at(0).at(0).toString(), QStringLiteral("blur_batch"));

        QSignalSpy current(f->dock, &WorkflowListDock::currentWorkflowChanged);
        QTest::keyClick(f->view, Qt::Key_Down);
        QCOMPARE(current.count(), 1);
        QCOMPARE(current.at(0).at(0).toString(), QStringLiteral("sd_txt2img"));

        // Enter or Down in the filter goes on to the list.
        f->filter->setFocus();
        f->filter->setText(QStringLiteral("blur"));
        QTest::keyClick(f->filter, Qt::Key_Return);
        QTRY_VERIFY(f->view->hasFocus());
        f->filter->setFocus();
        QTRY_VERIFY(f->filter->hasFocus());
        QTest::keyClick(f->filter, Qt::Key_Down);
        QTRY_VERIFY(f->view->hasFocus());
        QCOMPARE(f->view->currentIndex().data().toString(), QStringLiteral("blur_batch"));
    }

    void rightClickPicksTheWorkflowForTheContextMenu()
    {
        auto f = makeFixture();
        QVERIFY(f);
        QVERIFY(showWindow(*f));
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("blur_batch")));
        QCOMPARE(f->view->contextMenuPolicy(), Qt::ActionsContextMenu);
        const QRect second = f->view->visualRect(f->view->model()->index(1, 0));
        QTest::mousePress(f->view->viewport(), Qt::RightButton, {}, second.center());
        QTest::mouseRelease(f->view->viewport(), Qt::RightButton, {}, second.center());
        QCOMPARE(f->dock->currentName(), QStringLiteral("sd_txt2img"));
        QVERIFY(f->dock->removeAction()->isEnabled());
    }

    void realDialogsAnswerAndNeverBlock()
    {
        auto f = makeFixture();
        QVERIFY(f);
        f->dock->setDialogs({}); // the defaults: WorkflowNameDialog and a QMessageBox
        QVERIFY(showWindow(*f));
        QVERIFY(f->dock->selectWorkflow(QStringLiteral("blur_batch")));

        QString refusal;
        bool okEnabledWhenRefused = true;
        answerModal<WorkflowNameDialog>(this, [&](WorkflowNameDialog *dialog) {
            auto *edit = dialog->findChild<QLineEdit *>(QStringLiteral("workflowNameEdit"));
            auto *buttons = dialog->findChild<QDialogButtonBox *>();
            edit->setText(QStringLiteral("no/slashes"));
            refusal = dialog->problem();
            okEnabledWhenRefused = buttons->button(QDialogButtonBox::Ok)->isEnabled();
            edit->setText(QStringLiteral("blurred"));
            buttons->button(QDialogButtonBox::Ok)->click();
        });
        QVERIFY(f->dock->renameCurrent());
        QVERIFY2(refusal.contains(QStringLiteral("'/'")), qPrintable(refusal));
        QVERIFY(!okEnabledWhenRefused);
        QVERIFY(QFile::exists(f->path(QStringLiteral("blurred"))));

        QString question;
        answerModal<QMessageBox>(this, [&](QMessageBox *box) {
            question = box->text();
            for (QAbstractButton *button : box->buttons()) {
                if (box->buttonRole(button) == QMessageBox::DestructiveRole)
                    button->click();
            }
        });
        QVERIFY(f->dock->removeCurrent());
        QCOMPARE(question, QStringLiteral("Delete the workflow “blurred”? Its file is deleted "
                                          "from the workflows folder."));
        QVERIFY(!QFile::exists(f->path(QStringLiteral("blurred"))));
    }

    void revealsTheFolder()
    {
        auto f = makeFixture();
        QVERIFY(f);
        f->dock->revealAction()->trigger();
        QCOMPARE(f->openedUrls, QList<QUrl>{QUrl::fromLocalFile(f->dir.path())});
    }

    void marksUnsavedWorkflows()
    {
        auto f = makeFixture();
        QVERIFY(f);
        f->dock->setWorkflowModified(QStringLiteral("blur_batch"), true);
        const QModelIndex index = f->dock->model()->index(0);
        QCOMPARE(index.data().toString(), QStringLiteral("• blur_batch"));
        QVERIFY(index.data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(index.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Unsaved")));
        QCOMPARE(index.data(Qt::AccessibleTextRole).toString(),
                 QStringLiteral("blur_batch, unsaved changes"));
        f->filter->setText(QStringLiteral("•")); // the mark is not part of the name
        QVERIFY(shown(*f->dock).isEmpty());
        f->filter->clear();
        f->dock->setWorkflowModified(QStringLiteral("blur_batch"), false);
        QCOMPARE(index.data().toString(), QStringLiteral("blur_batch"));
    }

    void everyControlIsNamedForScreenReaders()
    {
        auto f = makeFixture();
        QVERIFY(f);
        for (QWidget *widget : {static_cast<QWidget *>(f->dock),
                                static_cast<QWidget *>(f->filter),
                                static_cast<QWidget *>(f->view)}) {
            QVERIFY2(!widget->accessibleName().isEmpty(), widget->metaObject()->className());
            QVERIFY2(!widget->accessibleDescription().isEmpty(),
                     widget->metaObject()->className());
        }
        for (QAction *action : {f->dock->importAction(), f->dock->duplicateAction(),
                                f->dock->renameAction(), f->dock->removeAction(),
                                f->dock->revealAction()}) {
            QVERIFY(!action->text().isEmpty());
            QVERIFY(!action->toolTip().isEmpty());
        }
        QCOMPARE(f->dock->renameAction()->shortcut(), QKeySequence(Qt::Key_F2));
        QCOMPARE(f->dock->removeAction()->shortcut(), QKeySequence(QKeySequence::Delete));
        QVERIFY(f->view->actions().contains(f->dock->renameAction())); // context menu
    }
};

QTEST_MAIN(TestWorkflowList)
#include "tst_workflowlist.moc"

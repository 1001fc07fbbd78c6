// The parameter editor as a user sees it: a form typed by the simulator's /object_info, a
// JSON view in sync, exact 20-digit seeds, node_errors on fields, a diff of only the edit.
#include "comfyclient.h"
#include "imageinputwidget.h"
#include "inputfield.h"
#include "jsoncodeeditor.h"
#include "jsonnumberliteral.h"
#include "nodecatalogueparser.h"
#include "parametereditor.h"
#include "seededit.h"
#include "simserver.h"
#include "workflowdocument.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QTabWidget>
#include <QNetworkAccessManager>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolButton>

#include <memory>

namespace {

QByteArray readSample(const char *name)
{
    QFile file(QStringLiteral(COMFYDESK_SOURCE_ROOT "/workflows/") + QLatin1String(name));
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

QList<int> changedLines(const QByteArray &before, const QByteArray &after)
{
    const QList<QByteArray> a = before.split('\n');
    const QList<QByteArray> b = after.split('\n');
    QList<int> changed;
    for (qsizetype i = 0; i < std::max(a.size(), b.size()); ++i) {
        if (a.value(i) != b.value(i))
            changed.append(int(i) + 1);
    }
    return changed;
}

QString seedOf(const QJsonObject &graph)
{
    const QJsonValue seed = graph.value(QLatin1String("3")).toObject()
                                .value(QLatin1String("inputs")).toObject()
                                .value(QLatin1String("seed"));
    const QString marked = JsonNumberLiteral::literal(seed.toString());
    return marked.isEmpty() ? QString::number(seed.toInteger()) : marked;
}

// Replaces the first occurrence of from in the JSON view, as typing would.
void editJson(JsonCodeEditor *json, const QString &from, const QString &to)
{
    const int at = int(json->toPlainText().indexOf(from));
    QVERIFY2(at >= 0, qPrintable(from));
    QTextCursor cursor(json->document());
    cursor.setPosition(at);
    cursor.setPosition(at + int(from.size()), QTextCursor::KeepAnchor);
    cursor.insertText(to);
}

} // namespace

class TestParameterEditor final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ParameterEditor> makeEditor(const NodeCatalogue &catalogue,
                                                const QByteArray &text)
    {
        auto editor = std::make_unique<ParameterEditor>();
        editor->setNodeCatalogue(catalogue);
        WorkflowDocument::ParseError error;
        const WorkflowDocument document = WorkflowDocument::fromText(text, &error);
        [&] { QVERIFY2(!error.isError(), qPrintable(error.message)); }();
        editor->setDocument(QStringLiteral("sd_txt2img"), document);
        editor->resize(700, 900);
        editor->show();
        [&] { QTRY_VERIFY(editor->isFormReady()); }();
        return editor;
    }

    template<typename T>
    T *fieldWidget(ParameterEditor &editor, const char *name)
    {
        return editor.findChild<T *>(QLatin1String(name));
    }

    QTemporaryDir m_dir;
    SimServer m_sim;
    QNetworkAccessManager m_nam;
    std::unique_ptr<ComfyClient> m_client;
    NodeCatalogue m_catalogue;
    QByteArray m_sample;

private Q_SLOTS:
    void initTestCase()
    {
        m_sim.setDataDir(m_dir.path());
        QVERIFY(m_sim.listen() != 0);
        m_client = std::make_unique<ComfyClient>(m_nam);
        m_client->setBaseUrl(m_sim.baseUrl());
        m_client->setClientId(QStringLiteral("editor-test"));
        ComfyReply *reply = m_client->objectInfoBytes();
        QSignalSpy done(reply, &ComfyReply::finished);
        QVERIFY(done.wait(10000));
        QVERIFY(reply->ok());
        m_catalogue = NodeCatalogueParser::parse(reply->data());
        QVERIFY(m_catalogue.contains(QStringLiteral("KSampler")));
        m_sample = readSample("sd_txt2img.json");
        QVERIFY(!m_sample.isEmpty());
    }

    void formShowsTheServersSamplers()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        auto *sampler = fieldWidget<QComboBox>(*editor, "input:3:sampler_name");
        QVERIFY(sampler);
        QVERIFY(sampler->isVisible());
        const QStringList choices = m_catalogue.node(QStringLiteral("KSampler"))
                                        ->input(QStringLiteral("sampler_name"))->choices;
        QVERIFY(choices.size() > 3);
        QCOMPARE(sampler->count(), choices.size());
        QCOMPARE(sampler->currentText(), QStringLiteral("euler"));
        QVERIFY(!sampler->accessibleName().isEmpty());
        // Typed from the server: steps is a spin box with its bounds, the prompt multi-line,
        // the link a read-only "from node" label, the seed a SeedEdit.
        auto *steps = fieldWidget<QSpinBox>(*editor, "input:3:steps");
        QVERIFY(steps);
        QCOMPARE(steps->maximum(), 10000);
        QVERIFY(fieldWidget<QDoubleSpinBox>(*editor, "input:3:cfg"));
        QVERIFY(fieldWidget<QPlainTextEdit>(*editor, "input:6:text"));
        QVERIFY(fieldWidget<SeedEdit>(*editor, "input:3:seed"));
        auto *model = fieldWidget<QLabel>(*editor, "input:3:model");
        QVERIFY(model);
        QVERIFY(!model->isVisible()); // main parameters only by default
        editor->setMainParametersOnly(false);
        QVERIFY(model->isVisible());
        QCOMPARE(model->text(), QStringLiteral("from node 4"));
        // The filter keeps the nodes and inputs it names.
        auto *filter = fieldWidget<QLineEdit>(*editor, "parameterFilter");
        filter->setText(QStringLiteral("sampler_name"));
        QVERIFY(sampler->isVisible());
        QVERIFY(!steps->isVisible());
        QVERIFY(!editor->findChild<QWidget *>(QStringLiteral("node:6"))->isVisible());
        filter->setText(QStringLiteral("load checkpoint"));
        QVERIFY(editor->findChild<QWidget *>(QStringLiteral("node:4"))->isVisible());
        QVERIFY(!sampler->isVisible());
    }

    void twentyDigitSeedIsExactInJsonAndSubmission()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        QSignalSpy modified(editor.get(), &ParameterEditor::modifiedChanged);
        auto *seed = fieldWidget<SeedEdit>(*editor, "input:3:seed");
        QVERIFY(seed->setText(QStringLiteral("18446744073709551615")));
        auto *json = fieldWidget<JsonCodeEditor>(*editor, "jsonEditor");
        QVERIFY(json->toPlainText().contains(
            QLatin1String("\"seed\": 18446744073709551615,")));
        QCOMPARE(modified.count(), 1);
        QVERIFY(editor->isModified());

        const QList<QJsonObject> graphs = editor->graphsForRuns(1);
        QCOMPARE(graphs.size(), 1);
        QCOMPARE(seedOf(graphs.first()), QStringLiteral("18446744073709551615"));
        QVERIFY(JsonNumberLiteral::toJson(graphs.first())
                    .contains("\"seed\":18446744073709551615"));

        // The simulator (which keeps integers of any size) receives every digit.
        QSignalSpy finished(&m_sim, &SimServer::promptFinished);
        ComfyReply *reply = m_client->submitPrompt(graphs.first());
        QSignalSpy submitted(reply, &ComfyReply::finished);
        QVERIFY(submitted.wait(10000));
        QVERIFY2(reply->ok(), qPrintable(QString::fromUtf8(reply->data())));
        const QString promptId = reply->object().value(QLatin1String("prompt_id")).toString();
        QTRY_VERIFY_WITH_TIMEOUT(!finished.isEmpty(), 20000);
        ComfyReply *history = m_client->historyFor(promptId);
        QSignalSpy historyDone(history, &ComfyReply::finished);
        QVERIFY(historyDone.wait(10000));
        QVERIFY2(history->data().contains("\"seed\": 18446744073709551615"),
                 history->data().left(600).constData());
    }

    void incrementGivesConsecutiveSeeds()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        auto *seed = fieldWidget<SeedEdit>(*editor, "input:3:seed");
        seed->setMode(SeedEdit::Mode::Increment);
        QVERIFY(seed->setText(QStringLiteral("18446744073709551613")));
        const QList<QJsonObject> graphs = editor->graphsForRuns(3);
        QCOMPARE(graphs.size(), 3);
        QCOMPARE(seedOf(graphs.at(0)), QStringLiteral("18446744073709551613"));
        QCOMPARE(seedOf(graphs.at(1)), QStringLiteral("18446744073709551614"));
        QCOMPARE(seedOf(graphs.at(2)), QStringLiteral("18446744073709551615"));
        // The form shows the seed of the next run, as ComfyUI's "control after generate".
        QVERIFY(seed->text() != QLatin1String("18446744073709551615"));
        QCOMPARE(QString::fromLatin1(editor->document().inputLiteral(QStringLiteral("3"),
                                                                     QStringLiteral("seed"))),
                 seed->text());

        seed->setMode(SeedEdit::Mode::Fixed);
        QVERIFY(seed->setText(QStringLiteral("7")));
        const QList<QJsonObject> fixed = editor->graphsForRuns(2);
        QCOMPARE(seedOf(fixed.at(0)), QStringLiteral("7"));
        QCOMPARE(seedOf(fixed.at(1)), QStringLiteral("7"));
    }

    void jsonEditUpdatesTheForm()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        auto *json = fieldWidget<JsonCodeEditor>(*editor, "jsonEditor");
        QSignalSpy changed(editor.get(), &ParameterEditor::documentChanged);
        editJson(json, QStringLiteral("\"steps\": 20"), QStringLiteral("\"steps\": 33"));
        editJson(json, QStringLiteral("text, watermark"), QStringLiteral("blurry"));
        QTRY_COMPARE(fieldWidget<QSpinBox>(*editor, "input:3:steps")->value(), 33);
        QCOMPARE(fieldWidget<QPlainTextEdit>(*editor, "input:7:text")->toPlainText(),
                 QStringLiteral("blurry"));
        QVERIFY(!changed.isEmpty());
        QVERIFY(editor->isModified());
        // A new node in the JSON view gets its group in the form.
        editJson(json, QStringLiteral("  \"9\": {"),
                 QStringLiteral("  \"10\": {\"inputs\": {\"width\": 64, \"height\": 64, "
                                "\"batch_size\": 1, \"color\": 0}, \"class_type\": "
                                "\"EmptyImage\"},\n  \"9\": {"));
        QTRY_VERIFY(editor->findChild<QWidget *>(QStringLiteral("input:10:width")));
        // The form is built a few nodes per event-loop turn: the new node's field may
        // exist before the last group is done.
        QTRY_VERIFY(editor->isFormReady());
    }

    void jsonSyntaxErrorShowsLineAndColumnAndKeepsText()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        auto *json = fieldWidget<JsonCodeEditor>(*editor, "jsonEditor");
        auto *label = fieldWidget<QLabel>(*editor, "jsonErrorLabel");
        editJson(json, QStringLiteral("\"steps\": 20,"), QStringLiteral("\"steps\": 21"));
        const QString broken = json->toPlainText();
        editor->findChild<QTabWidget *>(QStringLiteral("viewTabs"))->setCurrentIndex(1);
        QTRY_VERIFY(label->isVisible());
        QCOMPARE(label->text(), QStringLiteral("Line 6, column 7: a comma is missing"));
        QCOMPARE(json->parseErrorLine(), 6);
        QCOMPARE(json->toPlainText(), broken);
        QVERIFY(editor->hasJsonError());
        QVERIFY(editor->graphsForRuns(1).isEmpty());
        // The form keeps the last valid graph, disabled.
        QCOMPARE(fieldWidget<QSpinBox>(*editor, "input:3:steps")->value(), 20);
        QVERIFY(!fieldWidget<QSpinBox>(*editor, "input:3:steps")->isEnabled());

        editJson(json, QStringLiteral("\"steps\": 21"), QStringLiteral("\"steps\": 21,"));
        QTRY_VERIFY(!label->isVisible());
        QCOMPARE(json->parseErrorLine(), 0);
        QCOMPARE(fieldWidget<QSpinBox>(*editor, "input:3:steps")->value(), 21);
        QVERIFY(fieldWidget<QSpinBox>(*editor, "input:3:steps")->isEnabled());
    }

    void nodeErrorsMarkTheFieldUntilItChanges()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        const QJsonObject nodeErrors = QJsonDocument::fromJson(R"({"5": {"errors": [
            {"type": "value_bigger_than_max", "message": "Value 99999 bigger than max of 16384",
             "details": "height", "extra_info": {"input_name": "height"}}],
            "dependent_outputs": ["9"], "class_type": "EmptyLatentImage"}})").object();
        editor->showNodeErrors(nodeErrors);
        auto *error = editor->findChild<QLabel *>(QStringLiteral("error:5:height"));
        QVERIFY(error);
        QTRY_VERIFY(error->isVisible()); // a new row shows on the next event-loop turn
        QCOMPARE(error->text(), QStringLiteral("Value 99999 bigger than max of 16384"));
        auto *json = fieldWidget<JsonCodeEditor>(*editor, "jsonEditor");
        const int line = editor->document().lineOf(QStringLiteral("5"),
                                                   QStringLiteral("height"));
        QCOMPARE(json->lineMarks().value(line), error->text());

        fieldWidget<QSpinBox>(*editor, "input:5:height")->setValue(768);
        QVERIFY(!editor->findChild<QLabel *>(QStringLiteral("error:5:height")));
        QVERIFY(json->lineMarks().isEmpty());

        editor->showNodeErrors(nodeErrors);
        QVERIFY(editor->findChild<QLabel *>(QStringLiteral("error:5:height")));
        editor->clearNodeErrors();
        QVERIFY(!editor->findChild<QLabel *>(QStringLiteral("error:5:height")));
    }

    void outOfRangeValueIsShownNotClamped()
    {
        QByteArray text = m_sample;
        text.replace("\"steps\": 20,", "\"steps\": 20000,");
        auto editor = makeEditor(m_catalogue, text);
        QCOMPARE(fieldWidget<QSpinBox>(*editor, "input:3:steps")->value(), 20000);
        QVERIFY(!editor->isModified());
        QCOMPARE(editor->document().inputLiteral(QStringLiteral("3"), QStringLiteral("steps")),
                 QByteArray("20000"));
    }

    void unknownComboValueIsKeptAndMarked()
    {
        QByteArray text = m_sample;
        text.replace("v1-5-pruned-emaonly.safetensors", "not-here.safetensors");
        auto editor = makeEditor(m_catalogue, text);
        auto *checkpoint = fieldWidget<QComboBox>(*editor, "input:4:ckpt_name");
        QVERIFY(checkpoint);
        QCOMPARE(checkpoint->currentText(),
                 QStringLiteral("not-here.safetensors (not on server)"));
        QVERIFY(!editor->isModified());
        QCOMPARE(editor->document().inputLiteral(QStringLiteral("4"),
                                                 QStringLiteral("ckpt_name")),
                 QByteArray("\"not-here.safetensors\""));
        // Picking a server's choice replaces it; the marked entry goes with the next load.
        checkpoint->setCurrentIndex(1);
        QVERIFY(editor->isModified());
        QCOMPARE(editor->document().inputLiteral(QStringLiteral("4"),
                                                 QStringLiteral("ckpt_name")),
                 WorkflowDocument::stringLiteral(checkpoint->currentText()));
    }

    void offlineEveryInputIsShown()
    {
        auto editor = makeEditor(NodeCatalogue(), m_sample);
        editor->setMainParametersOnly(false);
        const WorkflowDocument document = editor->document();
        int count = 0;
        for (const QString &id : document.nodeIds()) {
            for (const QString &name : document.inputNames(id)) {
                auto *widget = editor->findChild<QWidget *>(
                    QStringLiteral("input:%1:%2").arg(id, name));
                QVERIFY2(widget && widget->isVisible(), qPrintable(id + QLatin1Char(':') + name));
                QVERIFY(!widget->accessibleName().isEmpty());
                ++count;
            }
        }
        QCOMPARE(count, 22);
        QVERIFY(fieldWidget<SeedEdit>(*editor, "input:3:seed"));
        QVERIFY(fieldWidget<QSpinBox>(*editor, "input:3:steps"));
        QVERIFY(fieldWidget<QLineEdit>(*editor, "input:3:sampler_name"));
        QVERIFY(fieldWidget<QPlainTextEdit>(*editor, "input:6:text"));
        QCOMPARE(fieldWidget<QLabel>(*editor, "input:8:vae")->text(),
                 QStringLiteral("from node 4"));
        // Going online re-types the form and keeps the edit.
        fieldWidget<QSpinBox>(*editor, "input:3:steps")->setValue(12);
        editor->setNodeCatalogue(m_catalogue);
        QTRY_VERIFY(editor->isFormReady());
        QVERIFY(fieldWidget<QComboBox>(*editor, "input:3:sampler_name"));
        QCOMPARE(fieldWidget<QSpinBox>(*editor, "input:3:steps")->value(), 12);
    }

    void savedTextChangesOnlyTheEditedLines()
    {
        auto editor = makeEditor(m_catalogue, m_sample);
        fieldWidget<QDoubleSpinBox>(*editor, "input:3:cfg")->setValue(7.5);
        fieldWidget<QPlainTextEdit>(*editor, "input:6:text")
            ->setPlainText(QStringLiteral("一只猫 on a \"mat\""));
        const QByteArray saved = editor->document().text();
        QCOMPARE(changedLines(m_sample, saved), QList<int>({6, 54}));
        QVERIFY(saved.contains("\"cfg\": 7.5,"));
        QVERIFY(saved.contains("\"text\": \"一只猫 on a \\\"mat\\\"\","));
        editor->markSaved();
        QVERIFY(!editor->isModified());

        editor->revert();
        QCOMPARE(editor->document().text(), saved);
    }

    void imageInputUploadsAndShowsThumbnail()
    {
        // The workflow's image is on the server: its thumbnail shows once connected.
        QVERIFY(QDir().mkpath(m_dir.filePath(QStringLiteral("input"))));
        QImage example(64, 128, QImage::Format_RGB32);
        example.fill(Qt::darkRed);
        QVERIFY(example.save(m_dir.filePath(QStringLiteral("input/example.png"))));
        auto editor = makeEditor(m_catalogue, readSample("sd_img2img.json"));
        auto *image = fieldWidget<ImageInputWidget>(*editor, "input:10:image");
        QVERIFY(image);
        QVERIFY(image->isVisible());
        auto *choose = image->findChild<QToolButton *>(QStringLiteral("chooseImageButton"));
        QVERIFY(!choose->isEnabled()); // no client: nowhere to upload to
        editor->setClient(m_client.get());
        QVERIFY(choose->isEnabled());
        auto *thumbnail = image->findChild<QLabel *>(QStringLiteral("imageThumbnail"));
        QTRY_VERIFY_WITH_TIMEOUT(thumbnail->isVisible(), 10000);
        QCOMPARE(thumbnail->pixmap().size(), QSize(48, 96));

        QTemporaryDir local;
        const QString path = local.filePath(QStringLiteral("my cat.png"));
        QImage picture(300, 150, QImage::Format_RGB32);
        picture.fill(Qt::darkCyan);
        QVERIFY(picture.save(path));
        // What the file dialog hands over.
        Q_EMIT image->fileChosen(path);
        QTRY_COMPARE_WITH_TIMEOUT(editor->document().inputLiteral(QStringLiteral("10"),
                                                                  QStringLiteral("image")),
                                  QByteArray("\"my cat.png\""), 10000);
        QCOMPARE(image->combo()->currentText(), QStringLiteral("my cat.png"));
        QTRY_COMPARE(thumbnail->pixmap().size(), QSize(96, 48));
        QVERIFY(QFile::exists(m_dir.filePath(QStringLiteral("input/my cat.png"))));
        QVERIFY(choose->isEnabled());
    }

    void windowsLineEndsAreKept()
    {
        QByteArray text = m_sample;
        text.replace("\n", "\r\n");
        auto editor = makeEditor(m_catalogue, text);
        fieldWidget<QSpinBox>(*editor, "input:5:width")->setValue(640);
        auto *json = fieldWidget<JsonCodeEditor>(*editor, "jsonEditor");
        QVERIFY(!json->toPlainText().contains(QLatin1Char('\r')));
        editJson(json, QStringLiteral("\"height\": 512"), QStringLiteral("\"height\": 384"));
        QTRY_COMPARE(fieldWidget<QSpinBox>(*editor, "input:5:height")->value(), 384);
        const QByteArray saved = editor->document().text();
        QCOMPARE(saved.count("\r\n"), text.count("\r\n"));
        QCOMPARE(changedLines(text, saved), QList<int>({43, 44}));
    }

    void bigWorkflowBuildsWithoutFreezing()
    {
        // 60 nodes: the sample's seven, again and again under new ids.
        const WorkflowDocument sample = WorkflowDocument::fromText(m_sample);
        QByteArray text = "{\n";
        int nodes = 0;
        for (int copy = 0; nodes < 60; ++copy) {
            for (const QString &id : sample.nodeIds()) {
                if (nodes == 60)
                    break;
                QByteArray node = "  \"" + QByteArray::number(copy * 100 + id.toInt())
                                  + "\": {\"inputs\": {";
                QByteArrayList inputs;
                for (const QString &name : sample.inputNames(id)) {
                    inputs.append(WorkflowDocument::stringLiteral(name) + ": "
                                  + sample.inputLiteral(id, name));
                }
                node += inputs.join(", ") + "}, \"class_type\": \""
                        + sample.classType(id).toUtf8() + "\"}";
                text += (nodes ? ",\n" : "") + node;
                ++nodes;
            }
        }
        text += "\n}\n";

        ParameterEditor editor;
        editor.setNodeCatalogue(m_catalogue);
        editor.setMainParametersOnly(false);
        editor.resize(700, 900);
        editor.show();
        // The window's own first show is not the form's cost.
        QVERIFY(QTest::qWaitForWindowExposed(&editor));
        QElapsedTimer total;
        QElapsedTimer sinceTick;
        qint64 longestGap = 0;
        QTimer ticker;
        ticker.setInterval(0);
        connect(&ticker, &QTimer::timeout, this, [&] {
            longestGap = std::max(longestGap, sinceTick.restart());
        });
        total.start();
        sinceTick.start();
        ticker.start();
        editor.setDocument(QStringLiteral("big"), WorkflowDocument::fromText(text));
        longestGap = std::max(longestGap, sinceTick.restart());
        QTRY_VERIFY(editor.isFormReady());
        ticker.stop();
        qInfo("60-node form: %lld ms in all, longest UI-thread block %lld ms",
              total.elapsed(), longestGap);
        QVERIFY(editor.findChild<QWidget *>(QStringLiteral("input:803:seed")));
        QVERIFY(longestGap < 1000); // generous for slow CI; the print is the figure
    }
};

QTEST_MAIN(TestParameterEditor)
#include "tst_parametereditor.moc"

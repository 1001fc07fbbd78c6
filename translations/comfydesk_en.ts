<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>%n image(s) finished.</source>
        <translation>
            <numerusform>%n image finished.</numerusform>
            <numerusform>%n images finished.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued “%1” (%n run(s)).</source>
        <translation>
            <numerusform>Queued “%1” (%n run).</numerusform>
            <numerusform>Queued “%1” (%n runs).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” finished: %n image(s).</source>
        <translation>
            <numerusform>“%1” finished: %n image.</numerusform>
            <numerusform>“%1” finished: %n images.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message numerus="yes">
        <source>Remove %n waiting prompt(s) from the queue?</source>
        <translation>
            <numerusform>Remove %n waiting prompt from the queue?</numerusform>
            <numerusform>Remove %n waiting prompts from the queue?</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n waiting prompt(s) from the queue, other clients&apos; too?</source>
        <translation>
            <numerusform>Remove all %n waiting prompt from the queue, other clients&apos; too?</numerusform>
            <numerusform>Remove all %n waiting prompts from the queue, other clients&apos; too?</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WorkflowListDock</name>
    <message numerus="yes">
        <source>Imported %n workflows</source>
        <translation>
            <numerusform>Imported %n workflow</numerusform>
            <numerusform>Imported %n workflows</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be imported</source>
        <translation>
            <numerusform>%n file could not be imported</numerusform>
            <numerusform>%n files could not be imported</numerusform>
        </translation>
    </message>
</context>
</TS>

<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>DesktopWiring</name>
    <message numerus="yes">
        <source>Re-queued %n lost prompt(s).</source>
        <translation>
            <numerusform>Re-queued %n lost prompt.</numerusform>
            <numerusform>Re-queued %n lost prompts.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HistoryDock</name>
    <message numerus="yes">
        <source>Remove %n prompt(s) from ComfyUI&apos;s own history? The catalogue keeps them.</source>
        <translation>
            <numerusform>Remove %n prompt from ComfyUI&apos;s own history? The catalogue keeps them.</numerusform>
            <numerusform>Remove %n prompts from ComfyUI&apos;s own history? The catalogue keeps them.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n prompt(s) and their cached images from the catalogue? ComfyUI&apos;s own history is not touched.</source>
        <translation>
            <numerusform>Delete %n prompt and their cached images from the catalogue? ComfyUI&apos;s own history is not touched.</numerusform>
            <numerusform>Delete %n prompts and their cached images from the catalogue? ComfyUI&apos;s own history is not touched.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Deleted %n prompt(s) from the catalogue.</source>
        <translation>
            <numerusform>Deleted %n prompt from the catalogue.</numerusform>
            <numerusform>Deleted %n prompts from the catalogue.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Export %n Prompt(s)</source>
        <translation>
            <numerusform>Export %n Prompt</numerusform>
            <numerusform>Export %n Prompts</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
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
    <message numerus="yes">
        <source>Removed %n prompt(s) from ComfyUI&apos;s history.</source>
        <translation>
            <numerusform>Removed %n prompt from ComfyUI&apos;s history.</numerusform>
            <numerusform>Removed %n prompts from ComfyUI&apos;s history.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Loaded the parameters of %1 into “%2” (%n value(s) changed).</source>
        <translation>
            <numerusform>Loaded the parameters of %1 into “%2” (%n value changed).</numerusform>
            <numerusform>Loaded the parameters of %1 into “%2” (%n values changed).</numerusform>
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

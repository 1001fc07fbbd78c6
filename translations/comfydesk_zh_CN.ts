<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Confirmation</name>
    <message>
        <source>Don&apos;t ask again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do this action from now on without asking first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectionText</name>
    <message>
        <source>timed out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not ComfyUI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>host not found</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection closed by the server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>secure connection failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>proxy error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>network unavailable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI (version unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 free VRAM</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DesktopWiring</name>
    <message>
        <source>The REST API is off.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FirstRunPage</name>
    <message>
        <source>The simulator (comfydesk-sim) is not installed next to ComfyDesk. Set COMFYDESK_SIM to its path if it is elsewhere.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator at %1 could not be run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator stopped at once (exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator crashed while starting.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator did not report its address in time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 It said: “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI is not reachable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start ComfyUI on this computer (it listens on port 8188 unless told otherwise), or enter the address of the computer that runs it in Settings. ComfyDesk connects as soon as ComfyUI answers.

No ComfyUI yet? The built-in simulator runs workflows without a GPU and makes placeholder images, so you can try everything first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Retry</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tries to connect to ComfyUI again now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens the settings to change the address of ComfyUI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the built-in &amp;simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the built-in simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts a stand-in for ComfyUI on this computer and connects to it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What went wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address tried and the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What to do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Simulator state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished">未连接</translation>
    </message>
    <message>
        <source>Starting the simulator…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The simulator could not start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ComfyUI server is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyDesk tried %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished">已连接到 %1.</translation>
    </message>
    <message>
        <source>Trying %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageInputLoader</name>
    <message>
        <source>Cannot read %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Upload failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ImageInputWidget</name>
    <message>
        <source>Choose file…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose image file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploads a local image to the server and uses it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A thumbnail of the uploaded image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose an image to upload</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp *.gif);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InputField</name>
    <message>
        <source>%1 (not on server)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server does not offer this value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not among the server&apos;s choices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error from ComfyUI: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>InputWidgetFactory</name>
    <message>
        <source>from node %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A JSON value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Input %1 of node %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>JsonCodeEditor</name>
    <message>
        <source>The workflow&apos;s graph in ComfyUI&apos;s API format, as editable JSON text; lines with errors are tinted, hover them to read the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Errors: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The number of each line of the JSON text, with a marker on lines that have an error; hover a marker to read the error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON editor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ComfyDesk</source>
        <translation>ComfyDesk</translation>
    </message>
    <message>
        <source>ComfyUI server</source>
        <translation type="vanished">ComfyUI 服务器</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="vanished">地址(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation type="vanished">连接(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="vanished">测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="vanished">状态：</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation type="vanished">服务器：</translation>
    </message>
    <message>
        <source>Queue:</source>
        <translation type="vanished">队列：</translation>
    </message>
    <message>
        <source>Not tested yet.</source>
        <translation type="vanished">尚未测试。</translation>
    </message>
    <message>
        <source>“%1” is not an http:// or https:// address.</source>
        <translation type="vanished">“%1”不是 http:// 或 https:// 地址。</translation>
    </message>
    <message>
        <source>Asking %1 …</source>
        <translation type="vanished">正在询问 %1 …</translation>
    </message>
    <message>
        <source>no device</source>
        <translation type="vanished">无设备</translation>
    </message>
    <message>
        <source>ComfyUI %1 on %2, %3 of RAM free</source>
        <translation type="vanished">ComfyUI %1，设备 %2，可用内存 %3</translation>
    </message>
    <message>
        <source>(unknown version)</source>
        <translation type="vanished">（未知版本）</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="vanished">未连接</translation>
    </message>
    <message>
        <source>Connecting to %1 …</source>
        <translation type="vanished">正在连接 %1 …</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="vanished">已连接到 %1</translation>
    </message>
    <message>
        <source>Connection to %1 lost, reconnecting …</source>
        <translation type="vanished">与 %1 的连接已断开，正在重新连接 …</translation>
    </message>
    <message>
        <source>Unknown until connected</source>
        <translation type="vanished">连接后才能得知</translation>
    </message>
    <message numerus="yes">
        <source>%n running</source>
        <translation type="vanished">
            <numerusform>%n 个运行中</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n pending</source>
        <translation type="vanished">
            <numerusform>%n 个等待中</numerusform>
        </translation>
    </message>
    <message>
        <source>REST API for scripts and plug-ins</source>
        <translation type="vanished">供脚本和插件使用的 REST API</translation>
    </message>
    <message>
        <source>&amp;Serve the REST API</source>
        <translation type="vanished">提供 REST API(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="vanished">地址(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="vanished">端口(&amp;P)：</translation>
    </message>
    <message>
        <source>T&amp;oken:</source>
        <translation type="vanished">令牌(&amp;O)：</translation>
    </message>
    <message>
        <source>Not needed on 127.0.0.1; generated for other addresses</source>
        <translation type="vanished">监听 127.0.0.1 时无需令牌；其他地址会自动生成</translation>
    </message>
    <message>
        <source>Off. Scripts and plug-ins on this computer or the LAN can run workflows through it when it is on.</source>
        <translation type="vanished">已关闭。开启后，本机或局域网中的脚本和插件可以通过它运行工作流。</translation>
    </message>
    <message>
        <source>Workbench</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflow being edited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the edited values back to the workflow file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+S</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Revert workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the unsaved edits of this workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;ettings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+,</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Q</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Find parameter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+F</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue the workflow with these parameters (Ctrl+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue at &amp;front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue it before everything pending (Ctrl+Shift+Enter)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ctrl+Shift+Return</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try the built-in &amp;simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About ComfyDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the built-in simulator at %1. Its images are made up: no real ComfyUI is used.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in simulator did not start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) finished.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Runs: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many times to queue it; the seed follows its after-each-run setting between runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Number of runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved workflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These workflows have edits that are not saved:
%1

Save them before quitting?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be saved: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting the built-in simulator …</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2 — ComfyDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (simulator)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a workflow on the left, or import one (Ctrl+O).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (edited, not saved)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not connected (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About ComfyDesk</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h3&gt;ComfyDesk %1&lt;/h3&gt;&lt;p&gt;A desktop client and LAN gateway for ComfyUI.&lt;/p&gt;&lt;p&gt;Qt %2 · Server: %3&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” changed on disk and was reloaded.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a workflow to queue first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the workflow is empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot queue “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI refused “%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Queued “%1” (%n run(s)).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” finished: %n image(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” finished without images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” failed in node %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was interrupted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was cancelled.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” was lost: ComfyUI restarted before it finished.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language is used from the next start of ComfyDesk.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NodeFormBuilder</name>
    <message>
        <source>%1 (node %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Node %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The inputs of node %1, of class %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParameterEditor</name>
    <message>
        <source>Parameter views</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workflow as a form or as JSON text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main parameters only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only prompts, seed, steps, sampler, size and the like; clear it to show all parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter by node or input</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the nodes and inputs whose title, class or name contains this text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The JSON view has an error; the form shows the last valid workflow until it is fixed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form out of date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflow JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workflow in ComfyUI&apos;s API format; edits update the form when the text is valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>JSON</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished">未连接</translation>
    </message>
    <message>
        <source>Line %1, column %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParseErrorText</name>
    <message>
        <source>the workflow must be a JSON object of nodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this is a ComfyUI UI workflow; use &quot;Export (API)&quot; in ComfyUI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node &quot;%1&quot; needs a &quot;class_type&quot; text and an &quot;inputs&quot; object</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the text ends too early</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unexpected character</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>invalid text in quotes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quote is not closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a colon is missing after a name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a comma is missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>there is more text after the end</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nested too deeply</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not valid JSON</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDelegate</name>
    <message>
        <source>Waiting · #%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other client</source>
        <translation type="unfinished">其他客户端</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>node %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running (another client: no progress is sent to us)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueDock</name>
    <message>
        <source>Queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The prompts the server runs now and those waiting, yours and other clients&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue actions</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel, interrupt, clear and reorder prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running prompt first, then the waiting ones in the order the server runs them</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the selected waiting prompts from the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Interrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the prompt running now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove every waiting prompt from the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to &amp;Front</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run the selected waiting prompt next</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No ComfyUI server is set up.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing queued.
Queued prompts appear here while they wait and run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline: %1
Reconnecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel Prompts</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove %n waiting prompt(s) from the queue?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not cancel: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupt Prompt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop &quot;%1&quot; while it runs? Its work so far is lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interrupt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not interrupt: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear Pending</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove all %n waiting prompt(s) from the queue, other clients&apos; too?</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Could not clear the queue: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not move to front: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>Prompt %1</source>
        <translation>任务 %1</translation>
    </message>
    <message>
        <source>Other client</source>
        <translation>其他客户端</translation>
    </message>
</context>
<context>
    <name>ResultImages</name>
    <message>
        <source>not an image the app can read (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not write %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not read %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsDock</name>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images of the prompts finished while ComfyDesk runs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Selected result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The selected image, fitted to the panel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished images appear here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompt, seed, time and size of the selected image</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Newest first; Enter or double-click opens one in the system&apos;s image viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open in Image Viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the selected image with the system&apos;s image viewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not fetch %1:
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>took %1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 × %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fetch failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsModel</name>
    <message>
        <source>Loading…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not fetch %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Image %1, %2 by %3 pixels</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SeedEdit</name>
    <message>
        <source>The seed must be from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a seed: a whole number from %1 to %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed can only hold the digits 0 to 9.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed of the next run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed of the next run, a whole number from %1 to %2; the Up and Down arrow keys add or take away one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a new random seed now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New random seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces the seed with a random one from its allowed range</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Random</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Increment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep the seed after each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick a new random seed after each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add one to the seed after each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens to the seed after each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed after each run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happens to the seed after each run: fixed keeps it, random picks a new one, increment adds one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The seed and what happens to it after each run</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyDesk settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Settings sections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI, workflows, REST API and interface settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation type="unfinished">地址(&amp;U)：</translation>
    </message>
    <message>
        <source>ComfyUI URL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address of the ComfyUI server, for example http://localhost:8188</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Problem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the ComfyUI URL was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address ComfyUI prints when it starts, such as http://127.0.0.1:8188. For a ComfyUI on another computer, start it with --listen and use that computer’s address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>T&amp;oken:</source>
        <translation type="unfinished">令牌(&amp;O)：</translation>
    </message>
    <message>
        <source>Only for a ComfyUI behind a proxy that asks for one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bearer token sent to an authenticating proxy in front of ComfyUI; leave empty otherwise</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the ComfyUI token was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Test connection</source>
        <translation type="unfinished">测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asks the server at this URL what it is, without saving anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The version and device the server reported, or why it could not be reached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflows folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder of workflow files exported from ComfyUI with “Export (API)”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse for the workflows folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opens a folder chooser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the workflows folder was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyDesk lists the .json workflows in this folder and notices files added, changed or removed there. Save them from ComfyUI with “Export (API)”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Serve the REST API</source>
        <translation type="unfinished">提供 REST API(&amp;S)</translation>
    </message>
    <message>
        <source>Serve the REST API</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lets scripts and plug-ins run workflows through ComfyDesk over HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Listen on:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listen on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Which network interfaces the REST API accepts callers from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished">地址(&amp;A)：</translation>
    </message>
    <message>
        <source>Listen address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one IP address of this computer the REST API listens on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the listen address was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Port:</source>
        <translation type="unfinished">端口(&amp;P)：</translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The TCP port of the REST API, from 1 to 65535</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the port was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To&amp;ken:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The secret callers send as “Authorization: Bearer” or “X-API-Key”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows or hides the API token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Puts the API token on the clipboard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Regenerate token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaces the API token with a new random one; callers need the new one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the API token was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callers send it as “Authorization: Bearer &lt;token&gt;” or “X-API-Key: &lt;token&gt;”. Required when the API listens beyond this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed &amp;origins:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Allowed origins</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Web pages allowed to call the API from a browser, one origin per line, such as http://krita-host:8080</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why an allowed origin was refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One per line. Only web pages need this; scripts and plug-ins do not.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of ComfyDesk’s windows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies the next time ComfyDesk starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Notify me when a run finishes while ComfyDesk is in the background</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notify when a run finishes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows a system notification when a workflow finishes while the window is not active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This computer only (127.0.0.1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All networks (0.0.0.0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One address of this computer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checks and keeps the settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes the dialog without changing anything</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something answers at %1, but it is not ComfyUI.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI (version unknown)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, no device reported.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2, %3 free.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 refused the request (HTTP status %2): check the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot reach ComfyUI at %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflows Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every computer that can reach this one can call the API with the token, and run workflows and read images through it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Computers that can reach this address can call the API with the token.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only programs on this computer can call the API.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The API is off. %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the address of ComfyUI, such as http://localhost:8188.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is not a valid address. Write it like http://localhost:8188.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address must start with http:// or https://.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address needs a host name or IP address, such as http://localhost:8188.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave out anything after “?” or “#”: only the server’s address is needed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A token cannot contain spaces or line breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the folder that holds your workflows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the IP address of this computer to listen on, or choose another option above.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an IP address. Enter one such as 192.168.1.20.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a port from 1 to 65535.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is not an origin. Write scheme://host or scheme://host:port, such as http://krita-host:8080, with no path or slash at the end.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This language is not available.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StatusBarWidgets</name>
    <message>
        <source>Simulator</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown while the built-in simulator stands in for ComfyUI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in simulator stands in for ComfyUI: it runs workflows without a GPU and makes placeholder images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection state icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Repeats the connection state beside it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether ComfyDesk is connected to ComfyUI, and why not</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI&apos;s version, device and free video memory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Prompts running and waiting on the server, from every client</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REST API state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Whether the REST API is on, where, and how many requests it answered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The REST API is off. Turn it on in Settings to let scripts and plug-ins run workflows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API on %1 · 1 request served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>API on %1 · %2 requests served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The REST API answers at http://%1/api</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished">未连接</translation>
    </message>
    <message>
        <source>Connected to %1</source>
        <translation type="unfinished">已连接到 %1</translation>
    </message>
    <message>
        <source>Offline — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connection lost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting in %1 s — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reconnecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 of %3 VRAM free</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PyTorch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue empty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Queue: %1 running, %2 pending</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkflowListDock</name>
    <message>
        <source>Workflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The workflows in the workflows folder. Pick one to edit and run it; drop JSON or ComfyUI PNG files here to import them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter workflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows only the workflows whose name contains this text; case and accents are ignored</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflow list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter opens the selected workflow, F2 renames it, Delete deletes it; the context menu has every action.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import Workflow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Import a ComfyUI API-format JSON file or a PNG made by ComfyUI</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;uplicate Workflow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the selected workflow under a new name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Rename Workflow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename the selected workflow and its file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete Workflow…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the selected workflow&apos;s file, after asking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show in File &amp;Manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open the workflows folder in the file manager</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1”: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workflows yet. Import a ComfyUI API-format JSON or a PNG made by ComfyUI, or drop it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workflow matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No workflows folder is set; choose one in Settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Imported “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Imported %n workflows</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n files could not be imported</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Import Workflows</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ComfyUI workflows (*.json *.png);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A workflow named “%1” already exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copy</source>
        <comment>the suggested name of a duplicated workflow</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 copy %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicate Workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the copy of “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be duplicated: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Duplicated “%1” as “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name for “%1”:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be renamed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed “%1” to “%2”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the workflow “%1”? Its file is deleted from the workflows folder, and its unsaved changes are lost.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the workflow “%1”? Its file is deleted from the workflows folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be deleted: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkflowListModel</name>
    <message>
        <source>• %1</source>
        <comment>an unsaved workflow</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unsaved changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Workflow file %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkflowMessages</name>
    <message>
        <source>UI format: open it in ComfyUI and use Export (API)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not valid JSON (line %1, column %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too large to open (over %1 MB)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a ComfyUI API-format workflow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot be read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” holds only ComfyUI&apos;s UI workflow, not the API-format prompt. Open it in ComfyUI, use Workflow › Export (API) (“Save (API Format)” in older versions) and import the exported file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a ComfyUI UI-format workflow, not the API format ComfyDesk runs. Open it in ComfyUI, use Workflow › Export (API) (“Save (API Format)” in older versions) and import the exported file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is a PNG without a ComfyUI workflow: it has no “prompt” text. Only images saved by ComfyUI carry one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is neither an API-format workflow (JSON) nor a PNG made by ComfyUI: it is not valid JSON (line %2, column %3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is JSON, but not a ComfyUI API-format workflow.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is too large to import (the limit is %2 MB).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” does not exist.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” could not be imported: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a workflow with that name already exists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>it is no longer in the workflows folder</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WorkflowNameDialog</name>
    <message>
        <source>Workflow name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the name cannot be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Says why the name typed above is refused; empty when it can be used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uses the name typed above</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Closes this dialog and changes nothing</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>

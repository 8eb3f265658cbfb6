@echo off
rem Strategy Miner: runs the peer.jar next to this script with JVM options that keep one peer within 512 MB of
rem memory (peer/README-runtime.md, "Memory: the launcher's JVM options"). Arguments go to the peer unchanged:
rem   peer start --name gaming-pc
rem JAVA (a java.exe) or JAVA_HOME chooses the Java (17 or newer); otherwise java.exe on the PATH.
rem PEER_JAVA_OPTS adds JVM options after these, so a repeated one wins: set PEER_JAVA_OPTS=-Xmx512m
setlocal
set "DEFAULT_JVM_OPTS=@peer.jvm.options@"
set "JAR=%~dp0peer.jar"
if exist "%JAR%" goto findJava
echo peer: "%JAR%" is missing: this script runs the peer.jar next to it (build it with mvn package) 1>&2
exit /b 1

:findJava
set "JAVA_EXE=java.exe"
if defined JAVA_HOME set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if defined JAVA set "JAVA_EXE=%JAVA%"
"%JAVA_EXE%" %DEFAULT_JVM_OPTS% %PEER_JAVA_OPTS% -jar "%JAR%" %*
exit /b %ERRORLEVEL%

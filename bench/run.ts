// npm run bench: every benchmark of the repository (one so far: the fault cases, issue 4).
import './fault-intake';

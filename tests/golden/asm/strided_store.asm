mark_composites:
      d0:  49 83 ee 01                    sub r14,1
      d4:  72 50                          jb short 0x0000000000000126
      d6:  49 3b 67 20                    cmp rsp,[r15+0x20]
      da:  72 4a                          jb short 0x0000000000000126
      dc:  48 83 fe 04                    cmp rsi,4
      e0:  7e 3a                          jle short 0x000000000000011C
      e2:  b8 02 00 00 00                 mov eax,2
      e7:  48 89 c1                       mov rcx,rax
      ea:  48 0f af c8                    imul rcx,rax
      ee:  70 43                          jo short 0x0000000000000133
      f0:  48 39 f1                       cmp rcx,rsi
      f3:  7d 13                          jge short 0x0000000000000108
      f5:  c6 04 0f 01                    mov byte ptr [rdi+rcx],1
      f9:  48 89 f2                       mov rdx,rsi
      fc:  48 29 ca                       sub rdx,rcx
      ff:  48 8d 0c 01                    lea rcx,[rcx+rax]
     103:  48 39 c2                       cmp rdx,rax
     106:  77 ed                          ja short 0x00000000000000F5
     108:  48 83 c0 01                    add rax,1
     10c:  70 25                          jo short 0x0000000000000133
     10e:  48 89 c1                       mov rcx,rax
     111:  48 0f af c8                    imul rcx,rax
     115:  70 1c                          jo short 0x0000000000000133
     117:  48 39 f1                       cmp rcx,rsi
     11a:  7c cb                          jl short 0x00000000000000E7
     11c:  b8 00 00 00 00                 mov eax,0
     121:  49 83 c6 01                    add r14,1
     125:  c3                             ret
     126:  49 c7 47 18 04 00 00 00        mov qword ptr [r15+0x18],4
     12e:  e9 40 ff ff ff                 jmp 0x0000000000000073
     133:  49 c7 47 18 03 00 00 00        mov qword ptr [r15+0x18],3
     13b:  e9 33 ff ff ff                 jmp 0x0000000000000073

